import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

/** The `ephemeral` flow setting as flows checks it; executions runs such flows in process (ephemeral/ there). */
let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const viewer = callerOf(workspace, 'viewer');

const EPHEMERAL = 'settings { ephemeral ephemeralAllowEffects priority }';
const at = (x: number) => ({ x, y: 0 });

/** webhook -> set -> the node under test (`extra`) -> respond. */
function webhookFlow(extra?: { type: string; data: Record<string, unknown> }) {
  const nodes = [
    { id: 'hook', type: 'trigger.webhook', position: at(0), data: { path: `eph-${randomUUID()}` } },
    { id: 'set', type: 'transform', position: at(100), data: { expression: '$input.body' } },
    ...(extra ? [{ id: 'extra', type: extra.type, position: at(200), data: extra.data }] : []),
    { id: 'answer', type: 'respond', position: at(300), data: { status: 200, body: '{{ $nodes.set }}' } },
  ];
  const chain = nodes.map((node) => node.id);
  return { nodes, edges: chain.slice(1).map((target, index) => ({ id: `e${index}`, source: chain[index]!, target })) };
}

const create = async (graph: ReturnType<typeof webhookFlow>) =>
  (await kit.ok<{ createFlow: { id: string } }>(`mutation ($input: FlowInput!) { createFlow(input: $input) { id } }`, { input: { name: 'hook', ...graph } }, editor)).createFlow.id;
const update = (id: string, input: Record<string, unknown>, caller = editor) =>
  kit.flows.request<{ updateFlowSettings: { settings: Record<string, unknown> } }>(
    `mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { ${EPHEMERAL} } }`,
    { id, input },
    caller,
  );

describe('ephemeral flow setting', () => {
  it('is off by default and turns on for a webhook flow of pure nodes', async () => {
    const id = await create(webhookFlow({ type: 'condition', data: { expression: 'true' } }));
    expect((await kit.ok<{ flow: { settings: unknown } }>(`query ($id: ID!) { flow(id: $id) { ${EPHEMERAL} } }`, { id }, viewer)).flow.settings).toEqual({ ephemeral: false, ephemeralAllowEffects: false, priority: 0 });
    const result = await update(id, { ephemeral: true, priority: 3 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateFlowSettings.settings).toEqual({ ephemeral: true, ephemeralAllowEffects: false, priority: 3 });
    const listed = await kit.ok<{ flows: { edges: Array<{ node: { id: string; settings: unknown } }> } }>(`query { flows(first: 100) { edges { node { id ${EPHEMERAL} } } } }`, {}, viewer);
    expect(listed.flows.edges.find((edge) => edge.node.id === id)?.node.settings).toEqual({ ephemeral: true, ephemeralAllowEffects: false, priority: 3 });
  });

  it('refuses a flow with an HTTP node unless effects are allowed, naming the node', async () => {
    const id = await create(webhookFlow({ type: 'http.request', data: { method: 'GET', url: 'https://example.com/' } }));
    const refused = await update(id, { ephemeral: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ephemeral', nodeId: 'extra' });
    expect(refused.errors?.[0]?.message).toMatch(/"extra" \(http\.request\).*allow effects/);
    const allowed = await update(id, { ephemeral: true, ephemeralAllowEffects: true });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.updateFlowSettings.settings).toMatchObject({ ephemeral: true, ephemeralAllowEffects: true });
  });

  it('never allows a node that needs the worker, even with effects allowed', async () => {
    for (const extra of [
      { type: 'code', data: { source: 'return 1' } },
      { type: 'delay', data: { ms: 10 } },
    ]) {
      const id = await create(webhookFlow(extra));
      const refused = await update(id, { ephemeral: true, ephemeralAllowEffects: true });
      expect(refused.errors?.[0]?.extensions, extra.type).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ephemeral', nodeId: 'extra' });
      expect(refused.errors?.[0]?.message).toMatch(/needs the worker/);
    }
  });

  it('refuses a flow without a webhook trigger', async () => {
    const graph = webhookFlow();
    graph.nodes[0] = { id: 'hook', type: 'trigger.manual', position: at(0), data: {} } as (typeof graph.nodes)[number];
    const id = await create(graph);
    const refused = await update(id, { ephemeral: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ephemeral' });
    expect(refused.errors?.[0]?.message).toMatch(/webhook/);
  });

  it('needs the editor role', async () => {
    const id = await create(webhookFlow());
    expect((await update(id, { ephemeral: true }, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
