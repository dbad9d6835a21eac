import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForwardedWebhook } from '@omnitron/schema';
import { createHttpApp, createLogger, readBody, routeOf, sendJson, signedInternalRoutes, verifyCaller, type HttpApp, type Route } from '@omnitron/server-kit';
import { webhookPathOfTarget, webhookRoute } from './webhook-route';

const KEY = 'webhook-test-signing-key-0123456789abcdef';
const log = createLogger('webhook-test', 'silent');
/** A flow output well over the 1 KiB compression threshold. */
const LARGE_OUTPUT = Array.from({ length: 200 }, (_, i) => ({ id: i, status: 'shipped', note: 'a webhook answer large enough to compress' }));

/** POSTs a webhook with an Accept-Encoding and keeps the body exactly as it was sent. */
function postAccepting(port: number, path: string, acceptEncoding: string | undefined): Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** POSTs to the gateway with the request target exactly as written (fetch would normalise it). */
function postRaw(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: target, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{"id":1}');
  });
}

describe('gateway POST /webhooks/<path>', () => {
  let executions: HttpApp;
  let gateway: HttpApp;
  let gatewayPort = 0;
  let gatewayUrl = '';
  /** Any other service on the loopback interface: nothing sent to the webhook door may reach it. */
  let bystander: Server;
  let bystanderPort = 0;
  let bystanderHits = 0;
  const received: Array<{ path: string; caller: unknown; forwarded: ReturnType<typeof decodeForwardedWebhook>; headers: Record<string, unknown> }> = [];

  beforeAll(async () => {
    // Stands in for the executions subgraph's internal route: checks the signature for the route it
    // was called on, echoes what it got.
    const standIn: Route['handler'] = async ({ req, res, url }) => {
      const caller = verifyCaller(KEY, routeOf('POST', url), req.headers, 10_000);
      const forwarded = decodeForwardedWebhook(await readBody(req, 1_000_000));
      received.push({ path: url.pathname, caller, forwarded, headers: { ...req.headers } });
      if (url.pathname.endsWith('/answer')) {
        res.writeHead(201, { 'content-type': 'text/html', location: '/orders/9', 'set-cookie': 'sid=stolen', 'x-omnitron-execution-id': 'e-4' });
        res.end('<p>made</p>');
        return;
      }
      if (url.pathname.endsWith('/async')) return sendJson(res, 202, { executionId: 'e-1' }, { 'x-omnitron-execution-id': 'e-1' });
      if (url.pathname.endsWith('/large')) return sendJson(res, 200, { rows: LARGE_OUTPUT }, { 'x-omnitron-execution-id': 'e-3' });
      sendJson(res, 200, { ok: true }, { 'x-omnitron-execution-id': 'e-2' });
    };
    executions = createHttpApp(
      [
        { method: 'POST', path: '/internal/webhooks/*', handler: standIn },
        { method: 'POST', path: '/internal/webhooks-test/*', handler: standIn },
      ],
      log,
    );
    const executionsPort = await executions.listen(0, '127.0.0.1');
    bystander = createServer((_req, res) => {
      bystanderHits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"secret":"internal"}');
    });
    await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
    bystanderPort = (bystander.address() as AddressInfo).port;
    gateway = createHttpApp(
      [
        webhookRoute({ executions: signedInternalRoutes(`http://127.0.0.1:${executionsPort}/graphql`, KEY), maxBodyBytes: 1_000, timeoutMs: 5_000, compressAbove: 1_024 }),
        webhookRoute({ executions: signedInternalRoutes(`http://127.0.0.1:${executionsPort}/graphql`, KEY), maxBodyBytes: 1_000, timeoutMs: 5_000, test: true }),
      ],
      log,
    );
    gatewayPort = await gateway.listen(0, '127.0.0.1');
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await executions?.close();
    await new Promise<void>((resolve) => (bystander ? bystander.close(() => resolve()) : resolve()));
  });

  it('forwards body, headers and query signed as an anonymous caller, without credentials', async () => {
    const response = await fetch(`${gatewayUrl}/webhooks/orders/new?source=shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret', cookie: 'sid=1', 'x-shop': 'acme' },
      body: JSON.stringify({ id: 7 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-omnitron-execution-id')).toBe('e-2');
    expect(await response.json()).toEqual({ ok: true });
    const last = received.at(-1)!;
    expect(last.path).toBe('/internal/webhooks/orders%2Fnew');
    expect(last.caller).toBeNull();
    const { meta, body } = last.forwarded!;
    expect(body.toString()).toBe('{"id":7}');
    expect(meta.method).toBe('POST');
    expect(meta.query).toEqual({ source: 'shop' });
    expect(meta.headers['x-shop']).toBe('acme');
    expect(meta.headers).not.toHaveProperty('authorization');
    expect(meta.headers).not.toHaveProperty('cookie');
  });

  it('forwards GET, PUT, PATCH, DELETE and HEAD with their method, and a binary body byte for byte', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0a, 0x89, 0x50, 0x4e, 0x47]);
    const put = await fetch(`${gatewayUrl}/webhooks/orders/new`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(put.status).toBe(200);
    expect(received.at(-1)!.forwarded).toMatchObject({ meta: { method: 'PUT' } });
    expect(received.at(-1)!.forwarded!.body.equals(bytes)).toBe(true);
    for (const method of ['GET', 'PATCH', 'DELETE', 'HEAD']) {
      const answer = await fetch(`${gatewayUrl}/webhooks/orders/new?x=1`, { method });
      expect({ method, status: answer.status }).toEqual({ method, status: 200 });
      expect(received.at(-1)!.forwarded!.meta).toMatchObject({ method, query: { x: '1' } });
    }
  });

  it('forwards a test URL to the internal test route, signed for that route only', async () => {
    const answer = await fetch(`${gatewayUrl}/webhooks-test/orders/new?x=1`, { method: 'PUT', body: 'sample' });
    expect(answer.status).toBe(200);
    const last = received.at(-1)!;
    expect(last.path).toBe('/internal/webhooks-test/orders%2Fnew');
    expect(last.forwarded).toMatchObject({ meta: { method: 'PUT', query: { x: '1' } } });
    expect(() => verifyCaller(KEY, routeOf('POST', '/internal/webhooks/orders%2Fnew'), last.headers as Record<string, string>, 10_000)).toThrow(/Invalid gateway signature/);
  });

  it('answers 405 for a method no webhook can allow, forwarding nothing', async () => {
    const before = received.length;
    const answer = await fetch(`${gatewayUrl}/webhooks/orders/new`, { method: 'OPTIONS' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST, PUT, PATCH, DELETE, HEAD');
    expect(received).toHaveLength(before);
  });

  it('relays the answer a flow set (status, headers) sandboxed, without a cookie for the platform origin', async () => {
    const answer = await fetch(`${gatewayUrl}/webhooks/answer`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe('/orders/9');
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.headers.get('x-omnitron-execution-id')).toBe('e-4');
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.headers.get('content-security-policy')).toBe('sandbox');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await answer.text()).toBe('<p>made</p>');
  });

  it('signs the forward for its one internal route: replayed on POST /graphql or another webhook it is refused', async () => {
    await fetch(`${gatewayUrl}/webhooks/orders/new`, { method: 'POST', body: '{}' });
    const signed = received.at(-1)!.headers as Record<string, string>;
    expect(verifyCaller(KEY, routeOf('POST', '/internal/webhooks/orders%2Fnew'), signed, 10_000)).toBeNull();
    expect(() => verifyCaller(KEY, routeOf('POST', '/graphql'), signed, 10_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifyCaller(KEY, routeOf('POST', '/internal/webhooks/other'), signed, 10_000)).toThrow(/Invalid gateway signature/);
  });

  it('relays a 202 with the execution id', async () => {
    const response = await fetch(`${gatewayUrl}/webhooks/async`, { method: 'POST', body: 'plain text' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ executionId: 'e-1' });
    expect(received.at(-1)!.forwarded!.body.toString()).toBe('plain text');
  });

  it('refuses a body over the limit before forwarding', async () => {
    const before = received.length;
    const response = await fetch(`${gatewayUrl}/webhooks/big`, { method: 'POST', body: 'x'.repeat(2_000) });
    expect(response.status).toBe(413);
    expect(received).toHaveLength(before);
  });

  it('answers 404 for any path that is not one opaque webhook name, and forwards nothing anywhere', async () => {
    const targets = [
      `/webhooks/http://127.0.0.1:${bystanderPort}/x`,
      `/webhooks/http:%2F%2F127.0.0.1:${bystanderPort}%2Fx`,
      `/webhooks//127.0.0.1:${bystanderPort}/x`,
      `/webhooks/http:/127.0.0.1:${bystanderPort}/x`,
      `/webhooks/a\\..\\..\\..\\x`,
      '/webhooks/..%2f..%2finternal/webhooks/x',
      '/webhooks/%2e%2e/%2e%2e/graphql',
      '/webhooks/a/../../graphql',
      '/webhooks/a/../orders/new',
      '/webhooks/a/./orders',
      '/webhooks/a//b',
      '/webhooks/orders%2Fnew',
      '/webhooks/a%5cb',
      '/webhooks/orders/',
      '/webhooks/.hidden',
      '/webhooks/',
    ];
    const before = received.length;
    for (const target of targets) {
      const answer = await postRaw(gatewayPort, target);
      expect({ target, status: answer.status }).toEqual({ target, status: 404 });
    }
    expect(bystanderHits).toBe(0);
    expect(received).toHaveLength(before);
  });

  it('compresses a flow output over the threshold for a client that accepts it, with Vary: Accept-Encoding', async () => {
    const gzipped = await postAccepting(gatewayPort, '/webhooks/large', 'gzip, deflate');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.headers['x-omnitron-execution-id']).toBe('e-3');
    expect(JSON.parse(gunzipSync(gzipped.raw).toString())).toEqual({ rows: LARGE_OUTPUT });
    const plain = await postAccepting(gatewayPort, '/webhooks/large', undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(JSON.parse(plain.raw.toString())).toEqual({ rows: LARGE_OUTPUT });
    expect(gzipped.raw.length).toBeLessThan(plain.raw.length / 4);
    const small = await postAccepting(gatewayPort, '/webhooks/orders/new', 'br, gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.raw.toString())).toEqual({ ok: true });
  });

  it('reads the path from the request target as sent, the query aside', () => {
    expect(webhookPathOfTarget('/webhooks/hook/AbC-_9.x?next=http://x/')).toBe('hook/AbC-_9.x');
    expect(webhookPathOfTarget('/webhooks/a/../b')).toBeUndefined();
    expect(webhookPathOfTarget('http://evil/webhooks/a')).toBeUndefined();
    expect(webhookPathOfTarget('/webhooksa')).toBeUndefined();
  });
});
