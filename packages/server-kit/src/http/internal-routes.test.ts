import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { signCaller, type Caller } from '../caller';
import { readBody } from './body';
import { sendJson } from './error-response';
import { createHttpApp, type HttpApp } from './http-app';
import { gatewayRequestOf, signedInternalRoutes, type InternalRequest } from './internal-routes';

const KEY = 'internal-routes-test-key-0123456789abcdef';
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
const editor: Caller = { userId: '11111111-1111-4111-8111-111111111111', workspaceId: '22222222-2222-4222-8222-222222222222', role: 'editor', scopes: null };

/** A subgraph's internal route: who the call is for (signed, or handed over in process), and the body's bytes echoed. */
let app: HttpApp;
let url = '';
beforeAll(async () => {
  app = createHttpApp(
    [
      {
        method: 'POST',
        path: '/internal/echo/*',
        handler: async ({ req, res, url: target }) => {
          const { caller } = gatewayRequestOf(req, target, KEY, 10_000);
          const body = await readBody(req, 1_000);
          sendJson(res, 201, { caller, path: target.pathname, type: req.headers['content-type'], body: body.toString('base64') }, { 'x-echo': 'yes' });
        },
      },
      {
        method: 'POST',
        path: '/internal/chunks',
        handler: ({ res }) => {
          res.setHeader('x-set', 'early');
          res.setHeader('x-list', ['a', 'b']);
          res.writeHead(207, { 'Content-Type': 'text/plain', 'x-head': 'late' });
          res.write('one,');
          res.end(Buffer.from('two'));
        },
      },
      { method: 'POST', path: '/internal/fails', handler: () => Promise.reject(new Error('boom')) },
    ],
    log,
  );
  url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}/graphql`;
});
afterAll(() => app?.close());

const request = (over: Partial<InternalRequest> = {}): InternalRequest => ({
  path: '/internal/echo/a%2Fb',
  contentType: 'application/x-test',
  body: Buffer.from([0x00, 0xff, 0x0a, 0x7b]),
  caller: editor,
  requestId: 'internal-routes-1',
  ...over,
});

const comparable = (answer: { status: number; headers: Readonly<Record<string, string>>; body: Buffer }) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
  return { status: answer.status, headers, body: JSON.parse(answer.body.toString()) as unknown };
};

describe('a subgraph internal route', () => {
  it('answers a call in process with the caller handed over as a value, exactly as a signed HTTP call, and logs it as in process', async () => {
    const inProcess = await app.inProcess.post(request({ requestId: 'internal-routes-local' }));
    const overHttp = await signedInternalRoutes(url, KEY).post(request({ requestId: 'internal-routes-http' }));
    expect(comparable(inProcess)).toEqual({
      ...comparable(overHttp),
      headers: { ...comparable(overHttp).headers, [InternalHeader.requestId]: 'internal-routes-local' },
    });
    expect(comparable(inProcess)).toMatchObject({ status: 201, headers: { 'x-echo': 'yes' }, body: { caller: editor, path: '/internal/echo/a%2Fb', type: 'application/x-test', body: 'AP8Kew==' } });
    expect(lines.filter((l) => l.requestId === 'internal-routes-local').map((l) => l.msg)).toEqual(['request in process']);
    expect(lines.filter((l) => l.requestId === 'internal-routes-http').map((l) => l.msg)).toEqual(['request']);
  });

  it('still refuses a request from a socket that is not signed, or signed for another route', async () => {
    const target = `${url.replace('/graphql', '')}/internal/echo/x`;
    const unsigned = await fetch(target, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
    const elsewhere = await fetch(target, { method: 'POST', body: '{}', headers: signCaller(KEY, { method: 'POST', path: '/internal/echo/y' }, editor) });
    expect(elsewhere.status).toBe(401);
    const signed = await fetch(target, { method: 'POST', body: '{}', headers: signCaller(KEY, { method: 'POST', path: '/internal/echo/x' }, editor) });
    expect(signed.status).toBe(201);
  });

  it('answers in process with the headers set before and in writeHead, every written chunk, and a thrown error as over HTTP', async () => {
    for (const path of ['/internal/chunks', '/internal/fails']) {
      const inProcess = await app.inProcess.post(request({ path }));
      const overHttp = await signedInternalRoutes(url, KEY).post(request({ path }));
      const { date: _d, connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...httpHeaders } = overHttp.headers;
      expect({ status: inProcess.status, headers: { ...inProcess.headers, [InternalHeader.requestId]: 'x' }, body: inProcess.body.toString() }).toEqual({
        status: overHttp.status,
        headers: { ...httpHeaders, [InternalHeader.requestId]: 'x' },
        body: overHttp.body.toString(),
      });
    }
    const chunks = await app.inProcess.post(request({ path: '/internal/chunks' }));
    expect(chunks).toMatchObject({ status: 207, headers: { 'x-set': 'early', 'x-list': 'a, b', 'content-type': 'text/plain', 'x-head': 'late' } });
    expect(chunks.body.toString()).toBe('one,two');
    expect((await app.inProcess.post(request({ path: '/internal/fails' }))).status).toBe(500);
  });

  it('rejects a signed HTTP call when nothing listens, so the caller can tell unreachable from refused', async () => {
    await expect(signedInternalRoutes('http://127.0.0.1:9/graphql', KEY).post(request())).rejects.toThrow();
  });
});
