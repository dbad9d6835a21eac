import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createLogger, type HttpApp } from '@omnitron/server-kit';
import { staticFilesRoute } from './static-files';

// A built studio in miniature: a hashed script with the .br and .gz twins the build writes, a
// stylesheet with only a .gz twin, and index.html with both.
const script = `export const answer = ${JSON.stringify('x'.repeat(50)).repeat(40)};\n`;
const style = 'body { margin: 0 }\n'.repeat(100);
const html = `<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body>${'<div></div>'.repeat(100)}</body></html>`;

let root: string;
let app: HttpApp;
let port = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'omt-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets/app-abc123.js'), script);
  writeFileSync(join(root, 'assets/app-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(root, 'assets/app-abc123.js.gz'), gzipSync(script));
  writeFileSync(join(root, 'assets/style-def456.css'), style);
  writeFileSync(join(root, 'assets/style-def456.css.gz'), gzipSync(style));
  writeFileSync(join(root, 'index.html'), html);
  writeFileSync(join(root, 'index.html.br'), brotliCompressSync(html));
  writeFileSync(join(root, 'index.html.gz'), gzipSync(html));
  app = createHttpApp([staticFilesRoute(root)], createLogger('static-test', 'silent'));
  port = await app.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, acceptEncoding?: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });

describe("the studio's files", () => {
  it('go out as their precompressed brotli twin to a browser that accepts br, cached for a year', async () => {
    const { headers, raw } = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(headers['content-length'])).toBe(raw.length);
    expect(raw.equals(brotliCompressSync(script))).toBe(true);
  });

  it('go out as the gzip twin to a browser that accepts only gzip, or when only that twin exists', async () => {
    const script = await get('/assets/app-abc123.js', 'gzip');
    expect(script.headers['content-encoding']).toBe('gzip');
    const css = await get('/assets/style-def456.css', 'br, gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.raw.equals(gzipSync(style))).toBe(true);
  });

  it('go out as they are to a client that accepts no coding, still saying they vary', async () => {
    const { headers, raw } = await get('/assets/app-abc123.js');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers.vary).toBe('Accept-Encoding');
    expect(raw.toString()).toBe(script);
    const refused = await get('/assets/app-abc123.js', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('serve index.html compressed and revalidated on every load, also for client-side routes', async () => {
    for (const path of ['/', '/flows/123']) {
      const { status, headers, raw } = await get(path, 'br');
      expect(status).toBe(200);
      expect(headers['content-encoding']).toBe('br');
      expect(headers['cache-control']).toBe('no-cache');
      expect(raw.equals(brotliCompressSync(html))).toBe(true);
    }
  });
});
