import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../config';
import { createGateway, type GatewayServer } from '../server';

// The gateway's HTTP door with a budget of 2 requests per minute; no subgraph is needed.
let gateway: GatewayServer;
let base: string;
beforeAll(async () => {
  const dead = 'http://127.0.0.1:9/graphql';
  const dir = mkdtempSync(join(tmpdir(), 'omt-gw-auth-'));
  const boot = bootGateway({
    DATA_DIR: dir,
    STUDIO_DIR: dir,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: throwawayRedisPrefix('gwhttp'),
    GATEWAY_REQUESTS_PER_MINUTE: '2',
    IDENTITY_URL: dead,
    FLOWS_URL: dead,
    EXECUTIONS_URL: dead,
    INTELLIGENCE_URL: dead,
  });
  gateway = await createGateway(boot);
  base = `http://127.0.0.1:${await gateway.listen(0)}`;
});
afterAll(() => gateway?.close());

const post = (headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('gateway HTTP authentication', () => {
  it('answers a forged token with 401 UNAUTHENTICATED, and failed credentials spend the client budget', async () => {
    const forged = await post({ authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as { errors: Array<{ extensions: { code: string; retryAfterSeconds: number } }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(limited.headers.get('retry-after')) });
  });
});
