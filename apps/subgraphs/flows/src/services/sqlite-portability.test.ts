import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfigSchema, createLogger, createSubgraph, loadConfig, routeOf, signCaller, type RunningSubgraph } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { createFlowsSubgraph } from '../definition';
import { loadFlowsSettings } from '../settings';
import { callerOf, dropFlowChanges, smallFlow } from '../test-support/flows-test-kit';

// The embedded default runs on SQLite: the same migration, search, tag filter and keyset must hold there.
const dataDir = mkdtempSync(join(tmpdir(), 'omt-flows-sqlite-'));
const redisPrefix = throwawayRedisPrefix('flows-sqlite');
let subgraph: RunningSubgraph;
let url: string;
beforeAll(async () => {
  const config = loadConfig(baseConfigSchema, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_PREFIX: redisPrefix });
  subgraph = await createSubgraph(createFlowsSubgraph(loadFlowsSettings({})), { config, signingKey: TEST_SIGNING_KEY, log: createLogger('flows', 'silent') });
  url = `http://127.0.0.1:${await subgraph.listen(0)}/graphql`;
});
afterAll(async () => {
  await subgraph?.close();
  await dropFlowChanges(redisPrefix);
  rmSync(dataDir, { recursive: true, force: true });
});

const owner = callerOf(randomUUID(), 'owner');
async function gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', url), owner) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('flows on SQLite (embedded default)', () => {
  it('saves, versions, searches, filters by tag and pages with keyset cursors', async () => {
    for (let i = 0; i < 5; i++) {
      await gql(`mutation($input: FlowInput!) { createFlow(input: $input) { id } }`, {
        input: { name: `Flow ${i}`, description: i === 2 ? 'has 50%_off' : '', tags: i % 2 ? ['Odd'] : [], ...smallFlow() },
      });
    }
    const list = `query($after: String, $search: String, $tag: String) { flows(first: 2, after: $after, search: $search, tag: $tag) {
      edges { node { id name version } } pageInfo { endCursor hasNextPage } totalCount } }`;
    const names: string[] = [];
    let after: string | null = null;
    do {
      const { flows }: any = await gql(list, { after });
      names.push(...flows.edges.map((e: any) => e.node.name));
      after = flows.pageInfo.hasNextPage ? flows.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(['Flow 4', 'Flow 3', 'Flow 2', 'Flow 1', 'Flow 0']);
    expect((await gql(list, { search: '50%_off' })).flows.edges.map((e: any) => e.node.name)).toEqual(['Flow 2']);
    expect((await gql(list, { search: '50%x' })).flows.totalCount).toBe(0);
    expect((await gql(list, { tag: 'odd' })).flows.totalCount).toBe(2);

    const id = (await gql(list, {})).flows.edges[0].node.id;
    const update = `mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input, expectedVersion: 1) { version valid } }`;
    expect((await gql(update, { id, input: { name: 'Renamed', ...smallFlow() } })).updateFlow).toEqual({ version: 2, valid: true });
    await expect(gql(update, { id, input: { name: 'Stale', ...smallFlow() } })).rejects.toThrow(/CONFLICT/);
    await gql(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id });
    expect((await gql(`{ deletedFlows { totalCount } }`)).deletedFlows.totalCount).toBe(1);
    expect((await gql(`mutation($id: ID!) { restoreFlow(id: $id) { version } }`, { id })).restoreFlow.version).toBe(2);

    // The sample input (a JSON column added by migration 0008) round-trips and clears to null.
    const sample = `mutation($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { sampleInput } }`;
    expect((await gql(sample, { id, json: '{"q":[1,"two"]}' })).setFlowSampleInput.sampleInput).toEqual({ q: [1, 'two'] });
    expect((await gql(`query($id: ID!) { flow(id: $id) { sampleInput } }`, { id })).flow.sampleInput).toEqual({ q: [1, 'two'] });
    expect((await gql(sample, { id, json: null })).setFlowSampleInput.sampleInput).toBeNull();
  });
});
