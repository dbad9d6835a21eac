import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createLogger, readBody, sendJson, type HttpApp } from '@omnitron/server-kit';
import { throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../config';
import { createGateway, type GatewayServer } from '../server';

/**
 * The whole gateway (its budgets in Redis) with 2 requests per minute per address and 5 per
 * webhook path, in front of a stand-in for the executions route that knows two paths.
 */
describe('webhook request budgets', () => {
  let executions: HttpApp;
  let gateway: GatewayServer;
  let base = '';
  let forwarded = 0;

  beforeAll(async () => {
    executions = createHttpApp(
      [
        {
          method: 'POST',
          path: '/internal/webhooks/*',
          handler: async ({ req, res, url }) => {
            await readBody(req, 1_000_000);
            forwarded++;
            if (url.pathname.endsWith('/known') || url.pathname.endsWith('/other')) return sendJson(res, 200, { ok: true });
            sendJson(res, 404, { errors: [{ message: 'No webhook at this path', extensions: { code: 'NOT_FOUND' } }] });
          },
        },
      ],
      createLogger('executions-stand-in', 'silent'),
    );
    const executionsUrl = `http://127.0.0.1:${await executions.listen(0, '127.0.0.1')}/graphql`;
    const dead = 'http://127.0.0.1:9/graphql';
    const dir = mkdtempSync(join(tmpdir(), 'omt-gw-webhook-budget-'));
    const boot = bootGateway({
      DATA_DIR: dir,
      STUDIO_DIR: dir,
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: throwawayRedisPrefix('gwhook'),
      GATEWAY_REQUESTS_PER_MINUTE: '2',
      WEBHOOK_REQUESTS_PER_MINUTE: '5',
      IDENTITY_URL: dead,
      FLOWS_URL: dead,
      EXECUTIONS_URL: executionsUrl,
      INTELLIGENCE_URL: dead,
    });
    gateway = await createGateway(boot);
    base = `http://127.0.0.1:${await gateway.listen(0)}`;
  }, 30_000);
  afterAll(async () => {
    await gateway?.close();
    await executions?.close();
  });

  const hook = (path: string) => fetch(`${base}/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  it('lets one address call a webhook past the per-address budget, up to the path’s own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await hook('known')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await hook('known');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another integration has a budget of its own.
    expect((await hook('other')).status).toBe(200);
  });

  it('charges requests to paths no flow has to the address, and refuses that address before forwarding once it is used up', async () => {
    expect((await hook('guess-1')).status).toBe(404);
    expect((await hook('guess-2')).status).toBe(404);
    expect((await hook('guess-3')).status).toBe(404);
    const before = forwarded;
    const refused = await hook('other');
    expect(refused.status).toBe(429);
    expect(forwarded).toBe(before);
  });
});
