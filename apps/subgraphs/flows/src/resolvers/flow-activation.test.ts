import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

/**
 * Activation as the flows subgraph stores it. Registration in executions (the call returning once
 * the triggers are live) is pinned in apps/subgraphs/executions/src/triggers/activation.test.ts
 * against this subgraph as a real process.
 */
let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const viewer = callerOf(workspace, 'viewer');
const stranger = callerOf(randomUUID(), 'owner');

const FIELDS = 'id version active triggerTypes';
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
const webhookFlow = () => ({
  nodes: [node('hook', 'trigger.webhook', { path: `act/${randomUUID()}` }), node('out', 'output')],
  edges: [{ id: 'e', source: 'hook', target: 'out' }],
});
const scheduleFlow = () => ({
  nodes: [node('tick', 'trigger.schedule', { cron: '0 3 * * *' }), node('hook', 'trigger.manual'), node('out', 'output')],
  edges: [{ id: 'e1', source: 'tick', target: 'out' }, { id: 'e2', source: 'hook', target: 'out' }],
});

const create = async (name: string, graph: object) =>
  (await kit.ok<{ createFlow: { id: string; active: boolean; triggerTypes: string[] } }>(`mutation ($input: FlowInput!) { createFlow(input: $input) { ${FIELDS} } }`, { input: { name, ...graph } }, editor)).createFlow;
const activate = (id: string, caller = editor) => kit.flows.request<{ activateFlow: { id: string; active: boolean; version: number } }>(`mutation ($id: ID!) { activateFlow(id: $id) { ${FIELDS} } }`, { id }, caller);
const deactivate = (id: string, caller = editor) => kit.flows.request<{ deactivateFlow: { active: boolean } }>(`mutation ($id: ID!) { deactivateFlow(id: $id) { ${FIELDS} } }`, { id }, caller);
const listed = async (args: { active?: boolean; triggerType?: string }) =>
  (
    await kit.ok<{ flows: { edges: Array<{ node: { id: string } }> } }>(
      `query ($active: Boolean, $triggerType: FlowTriggerType) { flows(first: 100, active: $active, triggerType: $triggerType) { edges { node { id active triggerTypes } } } }`,
      args,
      viewer,
    )
  ).flows.edges.map((edge) => edge.node.id);

describe('flow activation', () => {
  it('starts every new flow inactive: created, from a template, imported', async () => {
    const created = await create('hook', webhookFlow());
    expect(created).toMatchObject({ active: false, triggerTypes: ['WEBHOOK'] });
    const templated = (await kit.ok<{ createFlowFromTemplate: { active: boolean; triggerTypes: string[] } }>(`mutation { createFlowFromTemplate(templateId: "scheduled-health-check") { ${FIELDS} } }`, {}, editor)).createFlowFromTemplate;
    expect(templated).toMatchObject({ active: false, triggerTypes: ['SCHEDULE'] });
    const document = { format: 'omnitron.flow', formatVersion: 1, name: 'imported', description: '', tags: [], ...webhookFlow() };
    const imported = (await kit.ok<{ importFlow: { active: boolean } }>(`mutation ($d: JSON!) { importFlow(document: $d) { ${FIELDS} } }`, { d: document }, editor)).importFlow;
    expect(imported.active).toBe(false);
  });

  it('activates and deactivates for an editor without a new version, and refuses a viewer and another workspace', async () => {
    const flow = await create('to switch', scheduleFlow());
    expect(flow.triggerTypes).toEqual(['MANUAL', 'SCHEDULE']);
    expect((await activate(flow.id, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await activate(flow.id, stranger)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const activated = await activate(flow.id);
    expect(activated.data?.activateFlow).toMatchObject({ id: flow.id, active: true, version: 1 });
    const read = await kit.ok<{ flow: { active: boolean } }>(`query ($id: ID!) { flow(id: $id) { active } }`, { id: flow.id }, viewer);
    expect(read.flow.active).toBe(true);
    expect((await deactivate(flow.id)).data?.deactivateFlow.active).toBe(false);
  });

  it('refuses to activate a flow without a webhook or schedule trigger, or one with problems, naming the field', async () => {
    const manual = await create('manual only', smallFlow());
    const refused = await activate(manual.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    const broken = await create('broken', { nodes: [node('hook', 'trigger.webhook'), node('x', 'no.such.type')], edges: [{ id: 'e', source: 'hook', target: 'x' }] });
    const problems = await activate(broken.id);
    expect(problems.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    expect((problems.errors?.[0]?.extensions.problems as unknown[]).length).toBeGreaterThan(0);
  });

  it('lists flows filtered by active state and trigger type', async () => {
    const hook = await create('filter hook', webhookFlow());
    const tick = await create('filter tick', scheduleFlow());
    const manual = await create('filter manual', smallFlow());
    await activate(tick.id);
    const active = await listed({ active: true });
    expect(active).toContain(tick.id);
    expect(active).not.toContain(hook.id);
    expect(await listed({ active: false })).toEqual(expect.arrayContaining([hook.id, manual.id]));
    const webhooks = await listed({ triggerType: 'WEBHOOK' });
    expect(webhooks).toContain(hook.id);
    expect(webhooks).not.toContain(tick.id);
    expect(webhooks).not.toContain(manual.id);
    const manuals = await listed({ triggerType: 'MANUAL' });
    expect(manuals).toEqual(expect.arrayContaining([tick.id, manual.id]));
    expect(manuals).not.toContain(hook.id);
    expect(await listed({ active: true, triggerType: 'WEBHOOK' })).not.toContain(tick.id);
  });

  it('keeps an active flow active through a save, and its trigger kinds follow the saved nodes', async () => {
    const flow = await create('saved while active', webhookFlow());
    await activate(flow.id);
    const saved = await kit.ok<{ updateFlow: { active: boolean; version: number; triggerTypes: string[] } }>(
      `mutation ($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { ${FIELDS} } }`,
      { id: flow.id, input: { name: 'saved while active', ...scheduleFlow() } },
      editor,
    );
    expect(saved.updateFlow).toMatchObject({ active: true, version: 2, triggerTypes: ['MANUAL', 'SCHEDULE'] });
  });
});
