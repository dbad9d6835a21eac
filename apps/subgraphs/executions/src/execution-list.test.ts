import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowGraph } from '@omnitron/nodes';
import type { Caller } from '@omnitron/server-kit';
import { startExecution } from './services/start-execution';
import { chain, edge, editorOf, node } from './test-support/flow-fixtures';
import { ExecutionsHarness } from './test-support/harness';

const LIST = `query ($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime) {
  executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: 100) { edges { node { id status trigger } } }
}`;
const DELETE = `mutation ($id: ID!) { deleteExecution(id: $id) }`;
const RETRY = `mutation ($id: ID!) { retryExecution(id: $id) { id } }`;

type Row = { id: string; status: string; trigger: string };

/** The Executions page's filters and its delete, on real PostgreSQL, Redis and an in-process worker. */
describe('listing and deleting runs', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const mallory = editorOf();
  const okFlow = randomUUID();
  const failingFlow = randomUUID();
  const hookFlow = randomUUID();
  const slowFlow = randomUUID();
  const malloryFlow = randomUUID();
  const hookGraph: FlowGraph = {
    nodes: [node('hook', 'trigger.webhook', { path: 'list-filters' }), node('shape', 'transform', { expression: '$input' })],
    edges: [edge('hook', 'shape')],
  };
  let ok = '';
  let failed = '';
  let hook = '';
  let retry = '';
  let before = '';

  const list = async (caller: Caller, variables: Record<string, unknown>) => {
    const result = await h.request<{ executions: { edges: Array<{ node: Row }> } }>(LIST, variables, caller);
    return { rows: result.data?.executions.edges.map((e) => e.node) ?? [], errors: result.errors };
  };
  const ids = async (variables: Record<string, unknown>) => (await list(alice, variables)).rows.map((r) => r.id).sort();
  const codeOf = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
    const result = await h.request(query, variables, caller);
    return { code: result.errors?.[0]?.extensions.code, field: result.errors?.[0]?.extensions.field, message: result.errors?.[0]?.message };
  };

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    await h.startWorker();
    h.putFlow(alice, okFlow, chain(node('shape', 'transform', { expression: '{ "ok": true }' })));
    h.putFlow(alice, failingFlow, chain(node('boom', 'code', { code: 'throw new Error("boom")' })));
    h.putFlow(alice, hookFlow, hookGraph);
    h.putFlow(alice, slowFlow, chain(node('wait', 'delay', { ms: 4_000 })));
    h.putFlow(mallory, malloryFlow, chain());
    before = new Date(Date.now() - 1_000).toISOString();
    ok = (await h.settled(alice, (await h.start(alice, okFlow)).id)).id;
    failed = (await h.settled(alice, (await h.start(alice, failingFlow)).id)).id;
    // A webhook's run, started the way the webhook route starts it: from its trigger node.
    const started = await startExecution(h.runtime, { workspaceId: alice.workspaceId, userId: alice.userId, flow: { id: hookFlow, version: 1, name: 'hook', graph: hookGraph }, input: { a: 1 }, triggerNodeId: 'hook' });
    hook = (await h.settled(alice, started.id)).id;
    const retried = await h.request<{ retryExecution: { id: string } }>(RETRY, { id: failed }, alice);
    if (!retried.data) throw new Error(JSON.stringify(retried.errors));
    retry = (await h.settled(alice, retried.data.retryExecution.id)).id;
    await h.settled(mallory, (await h.start(mallory, malloryFlow)).id);
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it('says what started each run and filters by trigger, flow and status', async () => {
    const { rows } = await list(alice, {});
    expect(Object.fromEntries(rows.map((r) => [r.id, r.trigger]))).toEqual({ [ok]: 'MANUAL', [failed]: 'MANUAL', [hook]: 'WEBHOOK', [retry]: 'RETRY' });
    expect(await ids({ trigger: 'MANUAL' })).toEqual([ok, failed].sort());
    expect(await ids({ trigger: 'WEBHOOK' })).toEqual([hook]);
    expect(await ids({ trigger: 'RETRY' })).toEqual([retry]);
    expect(await ids({ trigger: 'SCHEDULE' })).toEqual([]);
    expect(await ids({ flowId: failingFlow })).toEqual([failed, retry].sort());
    expect(await ids({ flowId: failingFlow, trigger: 'MANUAL' })).toEqual([failed]);
    expect(await ids({ status: 'FAILED', trigger: 'MANUAL' })).toEqual([failed]);
  });

  it('filters by date range: from inclusive, to exclusive', async () => {
    const now = new Date(Date.now() + 1_000).toISOString();
    expect(await ids({ from: before, to: now })).toEqual([ok, failed, hook, retry].sort());
    expect(await ids({ from: now })).toEqual([]);
    expect(await ids({ to: before })).toEqual([]);
  });

  it('refuses a range that ends before it starts and a flow id that is not one, naming the field', async () => {
    expect(await codeOf(alice, LIST, { from: '2026-02-02T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
    expect(await codeOf(alice, LIST, { flowId: 'not-a-flow' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'flowId' });
  });

  it("finds nothing for another workspace's flow", async () => {
    expect(await ids({ flowId: malloryFlow })).toEqual([]);
    expect((await list(mallory, { flowId: okFlow })).rows).toEqual([]);
    expect((await list(mallory, {})).rows).toHaveLength(1);
  });

  it('deletes a finished run with its records; refuses a viewer, another workspace and a run still going', async () => {
    const run = (await h.settled(alice, (await h.start(alice, okFlow)).id)).id;
    expect(await codeOf({ ...alice, role: 'viewer' }, DELETE, { id: run })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(mallory, DELETE, { id: run })).toMatchObject({ code: 'NOT_FOUND' });
    const slow = await h.start(alice, slowFlow);
    expect(await codeOf(alice, DELETE, { id: slow.id })).toMatchObject({ code: 'CONFLICT' });
    await h.cancel(alice, slow.id);

    const deleted = await h.request<{ deleteExecution: string }>(DELETE, { id: run }, alice);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteExecution).toBe(run);
    expect(await h.execution(alice, run)).toBeNull();
    expect(await ids({ flowId: okFlow })).toEqual([ok]);
    expect(await codeOf(alice, DELETE, { id: run })).toMatchObject({ code: 'NOT_FOUND' });
    const em = h.runtime.orm.em.fork();
    const counted = (await em.getConnection().execute('select count(*) as n from node_runs where execution_id = ?', [run])) as Array<{ n: number | string }>;
    expect(Number(counted[0]?.n)).toBe(0);
  }, 30_000);
});
