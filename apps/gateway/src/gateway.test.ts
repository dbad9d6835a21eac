import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGateway } from './config';
import { createGateway, type GatewayServer } from './server';

// The gateway alone, with every subgraph down: what it refuses, it refuses before any fetch.
let gateway: GatewayServer;
let base: string;
const dead = 'http://127.0.0.1:9/graphql';
const bootWithDeadSubgraphs = (extra: Record<string, string> = {}) =>
  bootGateway({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gw-')),
    LOG_LEVEL: 'silent',
    MAX_BODY_BYTES: '4096',
    MAX_QUERY_DEPTH: '4',
    IDENTITY_URL: dead,
    FLOWS_URL: dead,
    EXECUTIONS_URL: dead,
    INTELLIGENCE_URL: dead,
    STUDIO_DIR: mkdtempSync(join(tmpdir(), 'omt-studio-')),
    ...extra,
  });
beforeAll(async () => {
  gateway = await createGateway(bootWithDeadSubgraphs());
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

describe('introspection', () => {
  // `npm start` runs every process with NODE_ENV=production, where Apollo would turn it off unasked.
  it('answers as GRAPHQL_INTROSPECTION says, whatever NODE_ENV is', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      for (const [setting, allowed] of [['true', true], ['false', false]] as const) {
        const server = await createGateway(bootWithDeadSubgraphs({ GRAPHQL_INTROSPECTION: setting }));
        try {
          const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
          const body = (await response.json()) as { data?: { __schema: { queryType: { name: string } } }; errors?: Array<{ message: string }> };
          if (allowed) expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
          else expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
        } finally {
          await server.close();
        }
      }
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
});

describe('telemetry', () => {
  it("does not report to Apollo's servers unless APOLLO_TELEMETRY_DISABLED says otherwise", async () => {
    // The gateway in beforeAll started with the variable unset (CI and `npm start` leave it unset).
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    try {
      const server = await createGateway(bootWithDeadSubgraphs());
      await server.close();
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('false');
    } finally {
      process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    }
  });
});
