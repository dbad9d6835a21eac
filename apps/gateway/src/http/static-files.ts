import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { negotiateEncoding, varyWith, type ContentCoding, type Route } from '@omnitron/server-kit';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The suffix of a file the studio's build compressed beforehand (apps/studio/build/precompress.ts). */
const SUFFIX: Record<ContentCoding, string> = { br: '.br', gzip: '.gz' };

const fileSize = (path: string) => stat(path).then((info) => (info.isFile() ? info.size : undefined), () => undefined);

/** The compressed twins the build wrote beside `file`, with their sizes. */
async function twinsOf(file: string): Promise<Map<ContentCoding, number>> {
  const twins = new Map<ContentCoding, number>();
  for (const coding of ['br', 'gzip'] as const) {
    const size = await fileSize(file + SUFFIX[coding]);
    if (size !== undefined) twins.set(coding, size);
  }
  return twins;
}

/**
 * Serves the built studio; unknown paths get index.html so client-side routes work on reload.
 * Files under `assets/` have content hashes in their names and are cached for a year; the rest
 * (index.html) is revalidated on every load. A file the build precompressed goes out as its `.br`
 * or `.gz` twin when the client accepts that coding, with `Vary: Accept-Encoding`.
 */
export function staticFilesRoute(root: string): Route {
  const base = normalize(root + sep);
  return {
    method: 'GET',
    path: '/*',
    handler: async ({ req, res, url }) => {
      let file = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!file.startsWith(base)) file = join(base, 'index.html');
      let size = await fileSize(file);
      if (size === undefined) {
        file = join(base, 'index.html');
        size = await fileSize(file);
      }
      if (size === undefined) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('The studio is not built: run `npm run build`.');
        return;
      }
      const immutable = file.includes(`${sep}assets${sep}`);
      const twins = await twinsOf(file);
      const coding = negotiateEncoding(req.headers['accept-encoding'], [...twins.keys()]);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-length': coding ? twins.get(coding)! : size,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(twins.size > 0 ? { vary: varyWith(undefined) } : {}),
        ...(coding ? { 'content-encoding': coding } : {}),
      });
      createReadStream(coding ? file + SUFFIX[coding] : file).pipe(res);
    },
  };
}
