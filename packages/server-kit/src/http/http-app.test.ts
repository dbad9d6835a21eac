import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { createHttpApp, type HttpApp } from './http-app';

const lines: Array<Record<string, unknown>> = [];
const log = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);
let app: HttpApp | undefined;
afterAll(() => app?.close());

describe('createHttpApp', () => {
  it("logs each request once with its request id, and a handler's lines carry the same id", async () => {
    app = createHttpApp(
      [
        { path: '/quiet', handler: ({ res }) => void res.end('ok') },
        {
          path: '/chatty',
          handler: ({ res, log: requestLog }) => {
            requestLog.warn({ step: 1 }, 'handler says');
            res.end('ok');
          },
        },
      ],
      log,
    );
    const base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const quiet = await fetch(`${base}/quiet`, { headers: { [InternalHeader.requestId]: 'req-quiet-0001' } });
    const chatty = await fetch(`${base}/chatty`, { headers: { [InternalHeader.requestId]: 'req-chatty-0001' } });
    const missing = await fetch(`${base}/nowhere`);
    expect([quiet.status, chatty.status, missing.status]).toEqual([200, 200, 404]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const access = lines.filter((line) => line.msg === 'request');
    expect(access.map(({ requestId, path, status }) => ({ requestId, path, status }))).toEqual([
      { requestId: 'req-quiet-0001', path: '/quiet', status: 200 },
      { requestId: 'req-chatty-0001', path: '/chatty', status: 200 },
      { requestId: missing.headers.get(InternalHeader.requestId), path: '/nowhere', status: 404 },
    ]);
    expect(lines.filter((line) => line.msg === 'handler says')).toEqual([expect.objectContaining({ requestId: 'req-chatty-0001', step: 1, level: 40 })]);
  });
});
