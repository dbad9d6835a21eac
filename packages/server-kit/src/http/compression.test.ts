import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateEncoding, sendCompressible, varyWith } from './compression';

describe('negotiateEncoding', () => {
  it('prefers brotli, then gzip, among the codings the client accepts', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('deflate')).toBeUndefined();
    expect(negotiateEncoding(undefined)).toBeUndefined();
    expect(negotiateEncoding('')).toBeUndefined();
  });

  it('follows q-values: a higher one wins, q=0 refuses even when * allows', () => {
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, *')).toBe('gzip');
    expect(negotiateEncoding('*;q=0')).toBeUndefined();
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding('GZIP ; Q=1')).toBe('gzip');
  });

  it('chooses only among the codings on offer', () => {
    expect(negotiateEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(negotiateEncoding('br', ['gzip'])).toBeUndefined();
  });

  it('adds Accept-Encoding to Vary once', () => {
    expect(varyWith(undefined)).toBe('Accept-Encoding');
    expect(varyWith('Origin')).toBe('Origin, Accept-Encoding');
    expect(varyWith('accept-encoding')).toBe('accept-encoding');
  });
});

describe('sendCompressible over a real HTTP connection', () => {
  const large = JSON.stringify({ data: { items: Array.from({ length: 500 }, (_, i) => ({ id: String(i), name: `item ${i}` })) } });
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = req.url === '/small' ? '{"data":{}}' : large;
      void sendCompressible(req, res, { status: 200, headers: { 'content-type': 'application/json' }, body }, 1_024);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: Record<string, unknown>; raw: Buffer }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, raw: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  it('sends a body over the threshold brotli-compressed to a client that accepts br', async () => {
    const { headers, raw } = await get('/', 'gzip, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers['content-length']).toBeUndefined();
    expect(brotliDecompressSync(raw).toString()).toBe(large);
    expect(raw.length).toBeLessThan(large.length / 4);
  });

  it('sends gzip to a client that accepts only gzip', async () => {
    const { headers, raw } = await get('/', 'gzip');
    expect(headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw).toString()).toBe(large);
  });

  it('sends the body as it is to a client that accepts no coding, still saying it varies', async () => {
    const { headers, raw } = await get('/');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers.vary).toBe('Accept-Encoding');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(large));
    expect(raw.toString()).toBe(large);
  });

  it('sends a body under the threshold as it is', async () => {
    const { headers, raw } = await get('/small', 'br, gzip');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers.vary).toBeUndefined();
    expect(raw.toString()).toBe('{"data":{}}');
  });
});
