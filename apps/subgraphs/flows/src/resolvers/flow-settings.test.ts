import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

/** Flow control and the error flow as the flows subgraph keeps them; executions enforces them (flow-control.test.ts there). */
let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const viewer = callerOf(workspace, 'viewer');
const stranger = callerOf(randomUUID(), 'owner');

const SETTINGS = 'settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId }';
const DEFAULTS = { concurrencyLimit: null, concurrencyKey: null, concurrencyKeyLimit: 1, priority: 0, errorFlowId: null };

const create = async (name: string, caller = editor) =>
  (await kit.ok<{ createFlow: { id: string; version: number } }>(`mutation ($input: FlowInput!) { createFlow(input: $input) { id version } }`, { input: { name, ...smallFlow() } }, caller)).createFlow;
const update = (id: string, input: Record<string, unknown>, caller = editor) =>
  kit.flows.request<{ updateFlowSettings: { version: number; settings: Record<string, unknown> } }>(
    `mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { version ${SETTINGS} } }`,
    { id, input },
    caller,
  );
const fieldOf = async (id: string, input: Record<string, unknown>) => {
  const result = await update(id, input);
  return { code: result.errors?.[0]?.extensions.code, field: result.errors?.[0]?.extensions.field, message: result.errors?.[0]?.message };
};

describe('flow settings', () => {
  it('starts with no limit, no key, priority 0 and no error flow', async () => {
    const { id } = await create('plain');
    expect((await kit.ok<{ flow: { settings: unknown } }>(`query ($id: ID!) { flow(id: $id) { ${SETTINGS} } }`, { id }, viewer)).flow.settings).toEqual(DEFAULTS);
  });

  it('stores every setting without saving a version, and lists show them', async () => {
    const { id, version } = await create('controlled');
    const { id: onError } = await create('on error');
    const input = { concurrencyLimit: 3, concurrencyKey: '{{ $input.customerId }}', concurrencyKeyLimit: 1, priority: 50, errorFlowId: onError };
    const result = await update(id, input);
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateFlowSettings).toEqual({ version, settings: input });
    const listed = await kit.ok<{ flows: { edges: Array<{ node: { id: string; settings: unknown } }> } }>(`query { flows(first: 100) { edges { node { id ${SETTINGS} } } } }`, {}, viewer);
    expect(listed.flows.edges.find((edge) => edge.node.id === id)?.node.settings).toEqual(input);
    // The input replaces every setting: what it omits goes back to its default.
    expect((await update(id, { priority: -5 })).data?.updateFlowSettings.settings).toEqual({ ...DEFAULTS, priority: -5 });
  });

  it('refuses bad input with VALIDATION_FAILED naming the field', async () => {
    const { id } = await create('checked');
    const { id: otherWorkspaceFlow } = await create('elsewhere', stranger);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ concurrencyLimit: 0 }, 'concurrencyLimit', /from 1 to 1000/],
      [{ concurrencyLimit: 1001 }, 'concurrencyLimit', /from 1 to 1000/],
      [{ concurrencyKeyLimit: 0 }, 'concurrencyKeyLimit', /from 1 to 1000/],
      [{ priority: 101 }, 'priority', /from -100 to 100/],
      [{ priority: -101 }, 'priority', /from -100 to 100/],
      [{ concurrencyKey: '$input.customerId' }, 'concurrencyKey', /no \{\{ \}\} expression/],
      [{ concurrencyKey: '{{ $input.( }}' }, 'concurrencyKey', /does not compile/],
      [{ concurrencyKey: `{{ $input.a }}${'x'.repeat(500)}` }, 'concurrencyKey', /limit is 500/],
      [{ errorFlowId: id }, 'errorFlowId', /its own error flow/],
      [{ errorFlowId: randomUUID() }, 'errorFlowId', /no flow/],
      [{ errorFlowId: otherWorkspaceFlow }, 'errorFlowId', /no flow/],
    ];
    for (const [input, field, message] of cases) {
      const error = await fieldOf(id, input);
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(error.message).toMatch(message);
    }
    expect((await kit.ok<{ flow: { settings: unknown } }>(`query ($id: ID!) { flow(id: $id) { ${SETTINGS} } }`, { id }, viewer)).flow.settings).toEqual(DEFAULTS);
  });

  it('needs the editor role and the flow in the caller workspace', async () => {
    const { id } = await create('guarded');
    expect((await update(id, { priority: 1 }, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await update(id, { priority: 1 }, stranger)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    await kit.ok(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id }, editor);
    expect((await update(id, { priority: 1 })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a deleted flow as error flow', async () => {
    const { id } = await create('needs handler');
    const { id: gone } = await create('gone');
    await kit.ok(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id: gone }, editor);
    expect(await fieldOf(id, { errorFlowId: gone })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'errorFlowId' });
  });
});
