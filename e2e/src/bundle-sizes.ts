import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface ChunkSize {
  /** `initial` or the source of a lazily loaded route. */
  readonly name: string;
  /** Bytes of JS and CSS the server sent for it (compressed as sent), minus what the initial load already has. */
  readonly transferBytes: number;
  /** The same files as they are on disk. */
  readonly bytes: number;
  /** The content codings the server answered with (`identity` for none). */
  readonly encodings: readonly string[];
}

/** What a server sends for one path: the body bytes as they travel, and its coding. */
export interface Transfer {
  readonly bytes: number;
  readonly encoding: string;
}

/** GETs `url` as a browser would ask for it (brotli or gzip accepted) and counts the body bytes as sent, undecoded. */
export function transferOf(url: string, acceptEncoding = 'br, gzip'): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }) : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * What the server at `baseUrl` sends for the JS and CSS each route needs, from Vite's build
 * manifest (`build.manifest: true`): the initial load, then each lazily loaded page on top of it.
 */
export async function transferSizes(baseUrl: string, distDir: string): Promise<ChunkSize[]> {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const sent = new Map<string, Promise<Transfer>>();
  const transfer = (file: string) => {
    if (!sent.has(file)) sent.set(file, transferOf(new URL(`/${file}`, baseUrl).toString()));
    return sent.get(file)!;
  };
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
    return into;
  };
  const filesOf = (keys: Iterable<string>) => [...keys].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]);
  const measure = async (name: string, files: string[]): Promise<ChunkSize> => {
    const transfers = await Promise.all(files.map(transfer));
    return {
      name,
      transferBytes: transfers.reduce((sum, t) => sum + t.bytes, 0),
      bytes: files.reduce((sum, file) => sum + readFileSync(join(distDir, file)).length, 0),
      encodings: [...new Set(transfers.map((t) => t.encoding))],
    };
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initial = closure(entry);
  const initialFiles = new Set(filesOf(initial));
  const sizes = [await measure('initial', [...initialFiles])];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !chunk.src?.includes('page')) continue;
    sizes.push(await measure(chunk.src, [...new Set(filesOf(closure(key)))].filter((f) => !initialFiles.has(f))));
  }
  return sizes;
}
