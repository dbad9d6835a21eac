import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Route } from '@omnitron/server-kit';

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

/** Serves the built studio; unknown paths get index.html so client-side routes work on reload. */
export function staticFilesRoute(root: string): Route {
  const base = normalize(root + sep);
  return {
    method: 'GET',
    path: '/*',
    handler: async ({ res, url }) => {
      let file = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!file.startsWith(base)) file = join(base, 'index.html');
      let info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        file = join(base, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('The studio is not built: run `npm run build`.');
        return;
      }
      const immutable = file.includes(`${sep}assets${sep}`);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      createReadStream(file).pipe(res);
    },
  };
}
