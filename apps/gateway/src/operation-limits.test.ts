import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Supergraph } from '@apollo/federation-internals';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { documentRefusal, operationLimitRules, operationLimitsOf, repoRoot } from '@omnitron/server-kit';
import { bootGateway } from './config';
import { clientFor, collect, startGateway, tokenFor, type TestGateway } from './subscriptions/testing/gateway-harness';
import { PlatformProcesses } from './subscriptions/testing/platform-processes';

// The CommonJS graphql, the copy the gateway's API schema is built with.
const { parse, validate, specifiedRules } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** `query { ...F0 }` where each fragment spreads the next, `n` of them. */
const chainOf = (n: number) => `query { ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i < n - 1 ? `...F${i + 1}` : 'me { id }'} }`).join('\n')}`;
/** One fragment spread `n` times side by side. */
const spreadsOf = (n: number) => `query { ${'...F '.repeat(n)}}\nfragment F on Query { me { id } }`;
/** `n` aliased `createFlow`s of the same input. */
const createFlows = (n: number) => `mutation ($input: FlowInput!) { ${Array.from({ length: n }, (_, i) => `f${i}: createFlow(input: $input) { id }`).join(' ')} }`;
const FLOW = { name: 'Limited', nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} }], edges: [] };
const limitOf = (answer: Answer) => answer.body.errors?.[0]?.extensions;

describe('the gateway refuses what is over its limits before anything runs', () => {
  // Every subgraph down: a request that got past the limits would answer INTERNAL instead.
  const dead = 'http://127.0.0.1:9/graphql';
  const gateways: Array<Awaited<ReturnType<typeof startGateway>>> = [];
  let url: string;
  let roomyUrl: string;
  beforeAll(async () => {
    const env = { IDENTITY_URL: dead, FLOWS_URL: dead, EXECUTIONS_URL: dead, INTELLIGENCE_URL: dead };
    gateways.push(await startGateway(loadSupergraphSdl(), env));
    // Tokens counted generously, so the fragment count is what refuses.
    gateways.push(await startGateway(loadSupergraphSdl(), { ...env, MAX_QUERY_TOKENS: '1000000' }));
    [url, roomyUrl] = gateways.map((g) => g.httpUrl) as [string, string];
  });
  afterAll(async () => {
    for (const g of gateways) await g.gateway.close();
  });

  it('refuses 1,000 aliased nodeTypes with VALIDATION_FAILED naming MAX_ALIASES and the count', async () => {
    const answer = await post(url, `{ ${Array.from({ length: 1_000 }, (_, i) => `t${i}: nodeTypes { type }`).join(' ')} }`);
    expect(answer.status).toBe(400);
    expect(limitOf(answer)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_ALIASES', maximum: 30, found: 1_000 });
    expect(answer.body.errors![0]!.message).toMatch(/Aliases: 1000, over the limit of 30 \(MAX_ALIASES\)/);
  });

  it('refuses 10,000 chained fragments and 10,000 spreads with VALIDATION_FAILED, never a stack overflow', async () => {
    for (const query of [chainOf(10_000), spreadsOf(10_000)]) {
      const answer = await post(url, query);
      expect(answer.status).toBe(400);
      expect(limitOf(answer)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_TOKENS', maximum: 10_000 });
      const counted = await post(roomyUrl, query);
      expect(counted.status).toBe(400);
      expect(limitOf(counted)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS', maximum: 100 });
    }
  });

  it('refuses brackets nested deeper than graphql-js can parse with VALIDATION_FAILED', async () => {
    const answer = await post(url, `{ me(x: ${'['.repeat(3_000)}${']'.repeat(3_000)}) { id } }`);
    expect(answer.status).toBe(400);
    expect(limitOf(answer)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_DOCUMENT_NESTING', found: 3_002 });
  });

  it('refuses a GET the same way as a POST', async () => {
    const response = await fetch(`${url}?query=${encodeURIComponent(chainOf(150))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer['body']).errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS', found: 300 });
  });

  it('refuses an estimated cost over MAX_QUERY_COST, counted with the variables a request sends', async () => {
    const selection = '{ edges { node { id status nodeRuns { nodeId status } } } }';
    const literal = await post(url, `{ executions(first: 100000) ${selection} }`);
    expect(literal.status).toBe(400);
    expect(limitOf(literal)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_COST', maximum: 10_000 });
    const query = `query ($n: Int) { executions(first: $n) ${selection} }`;
    expect(limitOf(await post(url, query, { n: 10 }))).toMatchObject({ code: 'INTERNAL' });
    const byVariable = await post(url, query, { n: 100_000 });
    expect(byVariable.status).toBe(400);
    expect(limitOf(byVariable)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_COST', maximum: 10_000 });
  });

  it("fits every document of the studio within the default limits", () => {
    const apiSchema = Supergraph.build(loadSupergraphSdl()).apiSchema().toGraphQLJSSchema();
    const limits = operationLimitsOf(bootGateway({ LOG_LEVEL: 'silent' }).config);
    const folder = join(repoRoot, 'apps/studio/src/documents');
    const texts = readdirSync(folder).flatMap((file) => [...readFileSync(join(folder, file), 'utf8').matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => m[1]!));
    const fragments = texts.filter((text) => text.trim().startsWith('fragment'));
    const operations = texts.filter((text) => !text.trim().startsWith('fragment'));
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) {
      const used = fragments.filter((fragment) => operation.includes(`...${/fragment (\w+)/.exec(fragment)![1]}`));
      const document = [operation, ...used].join('\n');
      expect(documentRefusal(document, limits)).toBeUndefined();
      expect(validate(apiSchema, parse(document), [...specifiedRules, ...operationLimitRules(limits)]).map((e) => e.message)).toEqual([]);
    }
  });
});

describe('limits and the request budget against the real flows and executions subgraphs', () => {
  const platform = new PlatformProcesses();
  let gateway: TestGateway;
  const editor = () => ({ userId: randomUUID(), workspaceId: randomUUID(), role: 'editor' as const });
  const flowCount = async (token: string) => {
    const answer = await post(gateway.httpUrl, '{ flows(first: 100) { edges { node { id } } } }', {}, token);
    return (answer.body.data!.flows as { edges: unknown[] }).edges.length;
  };

  beforeAll(async () => {
    await platform.start();
    gateway = await startGateway(loadSupergraphSdl(), { FLOWS_URL: platform.flowsUrl, EXECUTIONS_URL: platform.executionsUrl, GATEWAY_REQUESTS_PER_MINUTE: '12' });
  }, 180_000);
  afterAll(async () => {
    await gateway?.gateway.close();
    await platform.stop();
  }, 60_000);

  it('refuses 300 aliased createFlows whole, naming MAX_ALIASES: no flow is created', async () => {
    const token = await tokenFor(editor());
    const refused = await post(gateway.httpUrl, createFlows(300), { input: FLOW }, token);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(limitOf(refused)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_ALIASES', maximum: 30, found: 300 });
    expect(await flowCount(token)).toBe(0);
    // The same request within the limits creates what it asks for.
    expect((await post(gateway.httpUrl, createFlows(2), { input: FLOW }, token)).status).toBe(200);
    expect(await flowCount(token)).toBe(2);
  }, 60_000);

  it("spends one unit of the caller's budget per root mutation field", async () => {
    const token = await tokenFor(editor());
    // Budget 12: two requests of 5 mutations spend 10; a third is refused after paying its own request.
    for (let i = 0; i < 2; i++) expect((await post(gateway.httpUrl, createFlows(5), { input: FLOW }, token)).status).toBe(200);
    const refused = await post(gateway.httpUrl, createFlows(5), { input: FLOW }, token);
    expect(refused.status).toBe(429);
    expect(limitOf(refused)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await flowCount(token)).toBe(10);
    expect(limitOf(await post(gateway.httpUrl, '{ me { id } }', {}, token))).toMatchObject({ code: 'RATE_LIMITED' });
  }, 60_000);

  it('applies the same limits and charges over graphql-ws', async () => {
    const token = await tokenFor(editor());
    const client = clientFor(gateway.url, token);
    const aliased = `subscription ($id: ID!) { executionEvents(executionId: $id) { ${Array.from({ length: 31 }, (_, i) => `s${i}: seq`).join(' ')} } }`;
    const refusals = [aliased, chainOf(10_000)].map((query) => collect(client, query, { id: randomUUID() }).ended);
    expect(await Promise.all(refusals)).toEqual([
      { error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', limit: 'MAX_ALIASES', found: 31 }) })] },
      { error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_TOKENS' }) })] },
    ]);
    // Spent so far: the connection and two operations (3). Five mutations spend 5 more (8).
    const created = collect(client, createFlows(5), { input: FLOW });
    await created.ended;
    expect(created.results).toEqual([{ data: expect.objectContaining({ f0: { id: expect.any(String) }, f4: { id: expect.any(String) } }) }]);
    // Four left: the next request pays one of them and its five mutations are refused.
    const refused = collect(client, createFlows(5), { input: FLOW });
    await refused.ended;
    expect(refused.results).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })] }]);
    await client.dispose();
    expect(await flowCount(token)).toBe(5);
  }, 60_000);
});
