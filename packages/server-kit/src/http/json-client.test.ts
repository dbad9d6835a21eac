import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonClient } from './json-client';

let server: Server;
let base = '';
const seen: Array<{ url: string; headers: Record<string, unknown>; body: string }> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1_000);
      if (req.url === '/text') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      if (req.url === '/broken') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":');
      res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'cache-control': 'max-age=5' }).end(JSON.stringify({ echo: JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('JsonClient', () => {
  it('posts JSON with the given headers over kept-alive connections and parses a JSON answer', async () => {
    const client = new JsonClient({ url: `${base}/graphql?x=1` });
    const answers = await Promise.all([1, 2, 3].map((n) => client.post(JSON.stringify({ n }), { 'content-type': 'application/json', 'x-request-id': `r${n}` })));
    expect(answers.map((a) => [a.status, a.statusText, a.body])).toEqual([1, 2, 3].map((n) => [200, 'OK', { echo: { n } }]));
    expect(answers[0]!.headers['cache-control']).toBe('max-age=5');
    expect(seen.slice(-3).map((s) => [s.url, s.headers['x-request-id'], s.headers['content-length']])).toEqual([
      ['/graphql?x=1', 'r1', '7'],
      ['/graphql?x=1', 'r2', '7'],
      ['/graphql?x=1', 'r3', '7'],
    ]);
    client.close();
  });

  it('hands back a non-JSON answer as text with its status, and fails on JSON that does not parse', async () => {
    const text = new JsonClient({ url: `${base}/text` });
    expect(await text.post('{}', { 'content-type': 'application/json' })).toMatchObject({ status: 503, statusText: 'Service Unavailable', body: 'down for maintenance' });
    text.close();
    const broken = new JsonClient({ url: `${base}/broken` });
    await expect(broken.post('{}', { 'content-type': 'application/json' })).rejects.toThrow(SyntaxError);
    broken.close();
  });

  it('fails a fetch that gets no answer in time, naming the URL', async () => {
    const client = new JsonClient({ url: `${base}/slow`, timeoutMs: 100 });
    await expect(client.post('{}', { 'content-type': 'application/json' })).rejects.toThrow(`${base}/slow did not answer within 100 ms`);
    client.close();
  });
});
