import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OmnitronError } from '@omnitron/schema';
import { readBody } from './body';
import { inMemoryExchange } from './in-memory-exchange';

/** A server that reads each request's body with a limit of 16 bytes and answers what it read or the error's code. */
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    readBody(req, 16).then(
      (body) => res.writeHead(200).end(`read ${body.toString('utf8')}`),
      (error: unknown) => res.writeHead(413).end(error instanceof OmnitronError ? error.code : String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Posts `chunks` without a content-length (chunked), so only the bytes read can tell the size. */
function post(chunks: string[]): Promise<{ status: number; text: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('error', (error) => resolve({ error: error.message }));
    const send = (index: number): void => {
      if (index === chunks.length) return void req.end();
      req.write(chunks[index]);
      setTimeout(() => send(index + 1), 5);
    };
    send(0);
  });
}

describe('readBody', () => {
  it('reads a chunked body from a socket whole', async () => {
    expect(await post(['abc', 'def', 'ghi'])).toEqual({ status: 200, text: 'read abcdefghi' });
  });

  it('refuses a chunked body past the limit once its bytes pass it, and lets go of the connection', async () => {
    // The request is destroyed as soon as it passes the limit: the client sees the socket end, with or without the answer.
    const answer = await post(['0123456789', '0123456789', '0123456789']);
    if ('status' in answer) expect(answer).toEqual({ status: 413, text: 'PAYLOAD_TOO_LARGE' });
    else expect(answer.error).toMatch(/socket hang up|ECONNRESET|EPIPE/);
  });

  it('refuses a declared content-length past the limit before reading', async () => {
    const { req } = inMemoryExchange('POST', '/', { 'content-length': '17' }, Buffer.alloc(17));
    await expect(readBody(req, 16)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('takes the body of a request made in memory whole, within the limit, and only once', async () => {
    const { req } = inMemoryExchange('POST', '/', {}, Buffer.from('in memory'));
    expect((await readBody(req, 16)).toString('utf8')).toBe('in memory');
    expect((await readBody(req, 16)).length).toBe(0);
    const { req: large } = inMemoryExchange('POST', '/', {}, Buffer.alloc(17));
    await expect(readBody(large, 16)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('reads a request made in memory as a stream when it was read as one first', async () => {
    const { req } = inMemoryExchange('POST', '/', {}, Buffer.from('streamed'));
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('streamed');
    expect((await readBody(req as IncomingMessage, 16)).length).toBe(0);
  });
});
