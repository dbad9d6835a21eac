import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createLogger, parseJsonBody, readBody, sendJson, verifyCaller, type HttpApp } from '@omnitron/server-kit';
import { webhookRoute } from './webhook-route';

const KEY = 'webhook-test-signing-key-0123456789abcdef';
const log = createLogger('webhook-test', 'silent');

describe('gateway POST /webhooks/<path>', () => {
  let executions: HttpApp;
  let gateway: HttpApp;
  let gatewayUrl = '';
  const received: Array<{ path: string; caller: unknown; forwarded: unknown }> = [];

  beforeAll(async () => {
    // Stands in for the executions subgraph's internal route: checks the signature, echoes what it got.
    executions = createHttpApp(
      [
        {
          method: 'POST',
          path: '/internal/webhooks/*',
          handler: async ({ req, res, url }) => {
            const caller = verifyCaller(KEY, req.headers, 30_000);
            const forwarded = parseJsonBody(await readBody(req, 1_000_000));
            received.push({ path: url.pathname, caller, forwarded });
            if (url.pathname.endsWith('/async')) return sendJson(res, 202, { executionId: 'e-1' }, { 'x-omnitron-execution-id': 'e-1' });
            sendJson(res, 200, { ok: true }, { 'x-omnitron-execution-id': 'e-2' });
          },
        },
      ],
      log,
    );
    const executionsPort = await executions.listen(0, '127.0.0.1');
    gateway = createHttpApp(
      [webhookRoute({ executionsUrl: `http://127.0.0.1:${executionsPort}/graphql`, signingKey: KEY, maxBodyBytes: 1_000, timeoutMs: 5_000 })],
      log,
    );
    gatewayUrl = `http://127.0.0.1:${await gateway.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await executions?.close();
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
    expect(last.path).toBe('/internal/webhooks/orders/new');
    expect(last.caller).toBeNull();
    const forwarded = last.forwarded as { body: unknown; headers: Record<string, string>; query: unknown };
    expect(forwarded.body).toEqual({ id: 7 });
    expect(forwarded.query).toEqual({ source: 'shop' });
    expect(forwarded.headers['x-shop']).toBe('acme');
    expect(forwarded.headers).not.toHaveProperty('authorization');
    expect(forwarded.headers).not.toHaveProperty('cookie');
  });

  it('relays a 202 with the execution id', async () => {
    const response = await fetch(`${gatewayUrl}/webhooks/async`, { method: 'POST', body: 'plain text' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ executionId: 'e-1' });
    expect((received.at(-1)!.forwarded as { body: unknown }).body).toBe('plain text');
  });

  it('refuses a body over the limit before forwarding', async () => {
    const before = received.length;
    const response = await fetch(`${gatewayUrl}/webhooks/big`, { method: 'POST', body: 'x'.repeat(2_000) });
    expect(response.status).toBe(413);
    expect(received).toHaveLength(before);
  });
});
