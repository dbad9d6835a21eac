import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfigSchema, createLogger, createSubgraph, loadConfig, routeOf, signCaller, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { createFlowsSubgraph } from '../definition';
import { loadFlowsSettings } from '../settings';
import { callerOf, dropFlowChanges, smallFlow, startFlows } from '../test-support/flows-test-kit';

interface Answer {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

interface Database {
  request(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Answer>;
  close(): Promise<void>;
}

/** The flows subgraph on a throwaway PostgreSQL database (startTestSubgraph). */
async function onPostgres(): Promise<Database> {
  const kit = await startFlows();
  return { request: (query, variables, caller) => kit.flows.request(query, variables, caller), close: () => kit.flows.close() };
}

/** The flows subgraph on the embedded SQLite default (no DATABASE_URL, a fresh DATA_DIR). */
async function onSqlite(): Promise<Database> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omt-flows-text-'));
  const redisPrefix = throwawayRedisPrefix('flows-text');
  const config = loadConfig(baseConfigSchema, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_PREFIX: redisPrefix });
  const subgraph = await createSubgraph(createFlowsSubgraph(loadFlowsSettings({})), { config, signingKey: TEST_SIGNING_KEY, log: createLogger('flows', 'silent') });
  const url = `http://127.0.0.1:${await subgraph.listen(0)}/graphql`;
  return {
    request: async (query, variables, caller) => {
      const headers = { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', url), caller) };
      return (await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()) as Answer;
    },
    close: async () => {
      await subgraph.close();
      await dropFlowChanges(redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CREATE = `mutation($input: FlowInput!) { createFlow(input: $input) { id name description tags nodes } }`;
const COUNT = `{ flows(first: 50) { edges { node { id } } } }`;

describe.each([
  ['PostgreSQL', onPostgres],
  ['SQLite', onSqlite],
])('odd text in flows on %s', (_name, open) => {
  let db: Database;
  const owner = callerOf(randomUUID(), 'owner');
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(() => db?.close());

  const expectRefused = (answer: Answer, field: string) => {
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(answer.errors?.[0]?.message).toContain(field);
  };

  it('refuses a NUL in a flow name with VALIDATION_FAILED naming the field, and stores nothing', async () => {
    expectRefused(await db.request(CREATE, { input: { name: 'orders\u0000', ...smallFlow() } }, owner), '$input.name');
    expect((await db.request(COUNT, {}, owner)).data?.flows.edges).toEqual([]);
  });

  it('refuses a NUL in an inline string literal, naming the argument', async () => {
    const inline = `mutation($nodes: JSON!, $edges: JSON) { createFlow(input: { name: "a\\u0000b", nodes: $nodes, edges: $edges }) { id } }`;
    expectRefused(await db.request(inline, smallFlow(), owner), 'createFlow.input.name');
  });

  it('refuses a lone surrogate in a tag, in a JSON value and in a JSON key', async () => {
    expectRefused(await db.request(CREATE, { input: { name: 'tags', tags: ['ok', '\ud800'], ...smallFlow() } }, owner), '$input.tags[1]');
    const flow = smallFlow();
    const withValue = { ...flow, nodes: flow.nodes.map((node, index) => (index === 1 ? { ...node, data: { expression: '"\udc00x"' } } : node)) };
    expectRefused(await db.request(CREATE, { input: { name: 'value', ...withValue } }, owner), '$input.nodes[1].data.expression');
    const withKey = { ...flow, nodes: flow.nodes.map((node, index) => (index === 2 ? { ...node, data: { '\ud83d': 1 } } : node)) };
    expectRefused(await db.request(CREATE, { input: { name: 'key', ...withKey } }, owner), '$input.nodes[2].data["\\ud83d"]');
    expect((await db.request(COUNT, {}, owner)).data?.flows.edges).toEqual([]);
  });

  it('stores other unusual text faithfully: emoji, control characters, U+FFFD, right-to-left', async () => {
    const name = 'r\u00e9sum\u00e9 \ud83d\ude80 \u0001\u001f \ufffd \u202eabc';
    const answer = await db.request(CREATE, { input: { name, description: '\ud83c\udf0d', tags: ['caf\u00e9'], ...smallFlow() } }, owner);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.createFlow).toMatchObject({ name, description: '\ud83c\udf0d', tags: ['caf\u00e9'] });
    const read = await db.request(`query($id: ID!) { flow(id: $id) { name description } }`, { id: answer.data?.createFlow.id }, owner);
    expect(read.data?.flow).toEqual({ name, description: '\ud83c\udf0d' });
  });
});
