import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGateway } from './config';
import { createGateway, type GatewayServer } from './server';

// The gateway alone, with every subgraph down: what it refuses, it refuses before any fetch.
let gateway: GatewayServer;
let base: string;
beforeAll(async () => {
  const dead = 'http://127.0.0.1:9/graphql';
  const boot = bootGateway({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gw-')),
    LOG_LEVEL: 'silent',
    MAX_BODY_BYTES: '4096',
    MAX_QUERY_DEPTH: '4',
    IDENTITY_URL: dead,
    FLOWS_URL: dead,
    EXECUTIONS_URL: dead,
    INTELLIGENCE_URL: dead,
    STUDIO_DIR: mkdtempSync(join(tmpdir(), 'omt-studio-')),
  });
  gateway = await createGateway(boot);
  base = `http://127.0.0.1:${await gateway.listen(0)}`;
});
afterAll(() => gateway?.close());

const graphql = (body: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const firstError = async (response: Response) => ((await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors[0]!;

describe('gateway', () => {
  it('is live, and not ready while subgraphs are down', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { identity: false, flows: false } });
  });

  it('answers malformed JSON with VALIDATION_FAILED and a trace id', async () => {
    const response = await graphql('{"query":');
    expect(response.status).toBe(400);
    const error = await firstError(response);
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.traceId).toEqual(response.headers.get('x-request-id'));
  });

  it('answers an unparsable query with VALIDATION_FAILED', async () => {
    const error = await firstError(await graphql(JSON.stringify({ query: '{ me { id ' })));
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown field with VALIDATION_FAILED', async () => {
    const error = await firstError(await graphql(JSON.stringify({ query: '{ nothingHere }' })));
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown operation name with VALIDATION_FAILED', async () => {
    const error = await firstError(await graphql(JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' })));
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await graphql(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(8_000)}` }));
    expect(response.status).toBe(413);
    expect((await firstError(response)).extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a query deeper than the limit with VALIDATION_FAILED', async () => {
    const query = '{ execution(id: "y") { flow { analysis { suggestions { code } } } } }';
    const error = await firstError(await graphql(JSON.stringify({ query })));
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/deeper than the limit of 4/);
  });

  it('refuses any presented credential until it can be verified', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect((await firstError(response)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('turns a subgraph outage into a coded error without internals', async () => {
    const body = (await (await graphql(JSON.stringify({ query: '{ me { id } }' }))).json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });

  it('exposes request metrics by operation', async () => {
    await graphql(JSON.stringify({ query: 'query MetricsProbe { me { id } }' }));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/omnitron_graphql_requests_total\{operation="MetricsProbe",outcome="error"\} 1/);
    expect(metrics).toContain('omnitron_subgraph_fetch_duration_seconds_bucket');
  });
});
