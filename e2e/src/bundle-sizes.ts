import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

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
  /** JavaScript fetched for it, minus what the initial load already has. */
  readonly jsGzipBytes: number;
}

/** Gzip size of the JS each route needs, from Vite's build manifest (`build.manifest: true`). */
export function bundleSizes(distDir: string): ChunkSize[] {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gzip = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gzip.has(file)) gzip.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
    return gzip.get(file)!;
  };
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
    return into;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initial = closure(entry);
  const total = (keys: Iterable<string>) => [...keys].reduce((sum, k) => sum + sizeOf(manifest[k]!.file), 0);
  const sizes: ChunkSize[] = [{ name: 'initial', jsGzipBytes: total(initial) }];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !chunk.src?.includes('page')) continue;
    const extra = [...closure(key)].filter((k) => !initial.has(k));
    sizes.push({ name: chunk.src, jsGzipBytes: total(extra) });
  }
  return sizes;
}
