import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

const statements: string[] = [];
let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows({ onQuery: (sql) => statements.push(sql) });
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Flow { id name nodes edges version valid owner { id } workspace { id } } } }`;

const selects = () => statements.filter((sql) => /select/i.test(sql) && /"flows"/.test(sql));

describe('Flow as a federated entity', () => {
  it('resolves many references with one SQL query, in order, null for missing and foreign ids', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { createFlow } = await kit.ok(`mutation($input: FlowInput!) { createFlow(input: $input) { id } }`, { input: { name: `f${i}`, ...smallFlow() } }, editor);
      ids.push(createFlow.id);
    }
    const foreign = (await kit.ok(`mutation($input: FlowInput!) { createFlow(input: $input) { id } }`, { input: { name: 'other', ...smallFlow() } }, callerOf(randomUUID()))).createFlow.id;
    const wanted = [ids[3], randomUUID(), ids[0], foreign, ...ids];
    statements.length = 0;
    const { _entities } = await kit.ok(ENTITIES, { representations: wanted.map((id) => ({ __typename: 'Flow', id })) }, editor);
    expect(selects()).toHaveLength(1);
    expect(_entities.map((e: any) => e?.name ?? null)).toEqual(['f3', null, 'f0', null, 'f0', 'f1', 'f2', 'f3', 'f4']);
    expect(_entities[0]).toMatchObject({ owner: { id: editor.userId }, workspace: { id: workspace }, ...smallFlow(), version: 1, valid: true });
  });

  it('refuses references to callers without flows:read', async () => {
    const result = await kit.flows.request<any>(ENTITIES, { representations: [{ __typename: 'Flow', id: randomUUID() }] }, callerOf(workspace, 'owner', ['executions:read']));
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
