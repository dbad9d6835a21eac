import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../config';
import { GatewayMetrics } from '../metrics';
import { createGateway, type GatewayServer } from '../server';
import { FIXTURE_SIGNING_KEY, fixtureAuthenticator, jwtKeys, tokenFor } from '../subscriptions/testing/gateway-harness';
import { CatalogFixture, composeFixtureSupergraph, RunsFixture } from '../subscriptions/testing/run-fixtures';
import { PreparedOperations } from './prepared-operations';

// The same fixture subgraphs behind two gateways: one answering plain POSTs from prepared
// documents, one with Apollo Server's pipeline for everything. Every answer must be identical.
const runs = new RunsFixture(FIXTURE_SIGNING_KEY);
const catalog = new CatalogFixture(FIXTURE_SIGNING_KEY);
let lean: GatewayServer;
let apollo: GatewayServer;
let leanUrl: string;
let apolloUrl: string;
let token: string;
const alice = { userId: randomUUID(), workspaceId: randomUUID() };
const flowId = randomUUID();
const orphanFlowId = randomUUID();
const ownerId = randomUUID();

async function start(preparedOperations: boolean): Promise<[GatewayServer, string]> {
  const dir = mkdtempSync(join(tmpdir(), 'omt-gw-prepared-'));
  const boot = bootGateway({
    DATA_DIR: dir,
    STUDIO_DIR: dir,
    LOG_LEVEL: 'silent',
    MAX_QUERY_DEPTH: '3',
    IDENTITY_URL: 'http://127.0.0.1:9/graphql',
    INTELLIGENCE_URL: 'http://127.0.0.1:9/graphql',
    EXECUTIONS_URL: runs.subgraph.url,
    FLOWS_URL: catalog.subgraph.url,
    INTERNAL_SIGNING_KEY: FIXTURE_SIGNING_KEY,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    JWT_PRIVATE_KEY: jwtKeys.privateKey,
    JWT_PUBLIC_KEY: jwtKeys.publicKey,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: throwawayRedisPrefix('gw-prepared'),
    GATEWAY_REQUESTS_PER_MINUTE: '1000000',
  });
  const gateway = await createGateway(boot, { authenticator: fixtureAuthenticator, supergraphSdl: composeFixtureSupergraph(runs, catalog), preparedOperations });
  return [gateway, `http://127.0.0.1:${await gateway.listen(0)}/graphql`];
}

beforeAll(async () => {
  await runs.subgraph.start();
  await catalog.subgraph.start();
  [lean, leanUrl] = await start(true);
  [apollo, apolloUrl] = await start(false);
  token = await tokenFor(alice);
  catalog.flows.set(flowId, { name: 'Nightly import', ownerId });
  catalog.flows.set(orphanFlowId, { name: 'Orphan', ownerId: randomUUID() });
  catalog.users.set(ownerId, 'owner@example.com');
  runs.createExecution('run-1', alice.workspaceId, flowId);
});
afterAll(async () => {
  await lean?.close();
  await apollo?.close();
  await runs.subgraph.stop();
  await catalog.subgraph.stop();
});

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly cacheControl: string | null;
  /** The body with its trace ids blanked (each request has its own). */
  readonly body: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    body: text.replace(/"traceId":"[^"]*"/g, '"traceId":"-"'),
  };
}

/** Sends `body` to both gateways and expects the same answer; returns it. */
async function same(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const expected = await post(apolloUrl, body, headers);
  const actual = await post(leanUrl, body, headers);
  expect(actual).toEqual(expected);
  // Twice: the second answer comes from the prepared document.
  expect(await post(leanUrl, body, headers)).toEqual(expected);
  return actual;
}

const FLOW = 'query Flow($id: ID!) { flow(id: $id) { name owner { email } } }';

describe('prepared operations answer as Apollo Server does', () => {
  it('answers a federated query with variables', async () => {
    const answer = await same({ query: FLOW, variables: { id: flowId } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { flow: { name: 'Nightly import', owner: { email: 'owner@example.com' } } } });
  });

  it('answers a missing entity and a query without fetches', async () => {
    expect(JSON.parse((await same({ query: FLOW, variables: { id: randomUUID() } })).body)).toEqual({ data: { flow: null } });
    expect(JSON.parse((await same({ query: '{ __typename }' })).body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a subgraph error in the field it broke, coded, with partial data', async () => {
    const answer = await same({ query: FLOW, variables: { id: orphanFlowId } });
    const body = JSON.parse(answer.body) as { errors: Array<{ extensions: { code: string } }> };
    expect(answer.status).toBe(200);
    expect(body.errors[0]!.extensions.code).toBe('INTERNAL');
  });

  it('picks the named operation of several', async () => {
    const query = `${FLOW}\nquery Typename { __typename }`;
    expect(JSON.parse((await same({ query, operationName: 'Typename' })).body)).toEqual({ data: { __typename: 'Query' } });
    expect((await same({ query, operationName: 'Flow', variables: { id: flowId } })).status).toBe(200);
  });

  it('refuses an unknown operation name, a missing one and bad variables with VALIDATION_FAILED', async () => {
    for (const body of [
      { query: FLOW, operationName: 'Nope', variables: { id: flowId } },
      { query: `${FLOW}\nquery Typename { __typename }` },
      { query: FLOW },
      { query: FLOW, variables: { id: { not: 'an id' } } },
    ]) {
      const answer = await same(body);
      // Status as Apollo gives it (an unresolved operation name is refused by a plugin: 500).
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses unparsable, invalid and too deep documents with VALIDATION_FAILED', async () => {
    for (const query of ['{ flow(id: "x") { name ', '{ nothingHere }', `{ execution(id: "run-1") { flow { owner { email } } } }`]) {
      const answer = await same({ query });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('VALIDATION_FAILED');
    }
    expect((await same({ query: '{ execution(id: "run-1") { flow { owner { email } } } }' })).body).toMatch(/deeper than the limit of 3/);
  });

  it('negotiates the answer type as Apollo does', async () => {
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json, application/json;q=0.9', 'text/html', 'application/graphql-response+json']) {
      await same({ query: '{ __typename }' }, { accept });
    }
  });

  it('leaves GET, extensions and malformed bodies to Apollo', async () => {
    await same({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    await same({ query: 42 });
    await same([{ query: '{ __typename }' }]);
    const get = async (url: string) => (await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': '1' } })).status;
    expect(await get(leanUrl)).toBe(await get(apolloUrl));
  });

  it('keeps each query text once, up to its bound, and counts requests by operation', async () => {
    const before = lean.preparedOperations!.cachedDocuments;
    await post(leanUrl, { query: 'query Counted { __typename }' });
    await post(leanUrl, { query: 'query Counted { __typename }' });
    expect(lean.preparedOperations!.cachedDocuments).toBe(before + 1);
    const metrics = await lean.metrics.registry.metrics();
    expect(metrics).toMatch(/omnitron_graphql_requests_total\{operation="Counted",outcome="ok"\} 2/);
  });
});

describe('prepared operations on their own', () => {
  // The CommonJS graphql, as the gateway's schema is built with (see prepared-operations.ts).
  const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
  const schema = buildSchema('type Query { a: Int }');
  const context = { caller: null, requestId: 'r-1', log: pino({ level: 'silent' }) };
  const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: { query: 'query A { a }' } };

  it('answers an executor that throws with 500 INTERNAL and no internals, as Apollo does', async () => {
    const metrics = new GatewayMetrics();
    const operations = new PreparedOperations({
      executor: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:4001');
      },
      schema,
      validationRules: [],
      metrics,
      log: context.log,
    });
    const answer = (await operations.answer(request, context))!;
    expect(answer.status).toBe(500);
    const body = JSON.parse(answer.body) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toEqual([{ message: 'Internal error', extensions: { code: 'INTERNAL' } }]);
    expect(await metrics.registry.metrics()).toMatch(/omnitron_graphql_requests_total\{operation="A",outcome="error"\} 1/);
  });

  it('drops the least recently used query text past its bound', async () => {
    const operations = new PreparedOperations({ executor: async () => ({ data: { a: 1 } }), schema, validationRules: [], metrics: new GatewayMetrics(), log: context.log, maxCachedDocuments: 2 });
    for (const query of ['{ a }', 'query B { a }', '{ a }', 'query C { a }']) expect((await operations.answer({ ...request, body: { query } }, context))!.status).toBe(200);
    expect(operations.cachedDocuments).toBe(2);
  });
});
