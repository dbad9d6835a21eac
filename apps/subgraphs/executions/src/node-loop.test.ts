import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowGraph, FlowNode } from '@omnitron/nodes';
import type { Caller } from '@omnitron/server-kit';
import { CountingServer } from './test-support/counting-server';
import { chain, edge, editorOf, node } from './test-support/flow-fixtures';
import { ExecutionsHarness } from './test-support/harness';

const TEST_NODE = `mutation ($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {
  testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }
}`;

interface TestNodeAnswer {
  testNode: { id: string; status: string; test: boolean };
}

/** The studio's build loop against real PostgreSQL, Redis and an in-process worker. */
describe('testing one node of an unsaved draft', () => {
  let h: ExecutionsHarness;
  const api = new CountingServer();
  const alice = editorOf();
  const mallory = editorOf();

  beforeAll(async () => {
    await api.start();
    h = await ExecutionsHarness.start();
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await api.close();
  }, 30_000);

  const call = (id: string, path: string, extra: Partial<FlowNode> = {}): FlowNode => ({ ...node(id, 'http.request', { url: `${api.url}${path}` }), ...extra });

  /** start -> shape -> fetch (/fetch) -> after (/after), and start -> side (/side) beside them. */
  function draft(path: string, pins: Record<string, unknown> = {}): FlowGraph {
    const nodes = [
      node('start', 'trigger.manual'),
      node('shape', 'transform', { expression: '{ "q": $input.q }' }),
      call('fetch', `${path}/fetch`),
      node('after', 'http.request', { url: `${api.url}${path}/after?hit={{ $nodes.fetch.body.hit }}` }),
      call('side', `${path}/side`),
    ].map((n) => (n.id in pins ? { ...n, pinnedData: pins[n.id] } : n));
    return { nodes, edges: [edge('start', 'shape'), edge('shape', 'fetch'), edge('fetch', 'after'), edge('start', 'side')] };
  }

  /** A saved flow of alice's whose saved graph is only a trigger: what runs is the draft. */
  function savedFlow(owner: Caller = alice): string {
    const flowId = randomUUID();
    h.putFlow(owner, flowId, chain());
    return flowId;
  }

  async function testNode(caller: Caller, variables: Record<string, unknown>) {
    return h.request<TestNodeAnswer>(TEST_NODE, variables, caller);
  }

  it('runs the draft up to the selected node only: nodes not upstream of it are not run', async () => {
    const flowId = savedFlow();
    const result = await testNode(alice, { flowId, graph: draft('/t1'), nodeId: 'fetch', input: { q: 'x' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.testNode).toMatchObject({ status: 'QUEUED', test: true });
    const run = await h.settled(alice, result.data!.testNode.id);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.nodeRuns.map((r) => r.nodeId).sort()).toEqual(['fetch', 'shape', 'start']);
    expect(run.nodeRuns.find((r) => r.nodeId === 'fetch')?.output).toMatchObject({ status: 200, body: { path: '/t1/fetch', hit: 1 } });
    expect([api.count('/t1/fetch'), api.count('/t1/after'), api.count('/t1/side')]).toEqual([1, 0, 0]);
    const listed = await h.request<{ executions: { edges: Array<{ node: { id: string; test: boolean } }> } }>(
      `query ($flowId: ID!) { executions(flowId: $flowId) { edges { node { id test } } } }`,
      { flowId },
      alice,
    );
    expect(listed.data?.executions.edges.map((e) => e.node)).toEqual([{ id: run.id, test: true }]);
  }, 30_000);

  it('uses pinned data instead of running the node, and runs it again when asked not to', async () => {
    const flowId = savedFlow();
    const pinned = { status: 200, headers: {}, body: { hit: 41, pinned: true } };
    const graph = draft('/t2', { fetch: pinned });
    const withPins = await testNode(alice, { flowId, graph, nodeId: 'after' });
    const run = await h.settled(alice, withPins.data!.testNode.id);
    expect(run.status).toBe('SUCCEEDED');
    expect(api.count('/t2/fetch')).toBe(0);
    expect(api.count('/t2/after')).toBe(1);
    expect(run.nodeRuns.find((r) => r.nodeId === 'fetch')).toMatchObject({ status: 'SUCCEEDED', attempts: 0, output: pinned });
    // The node after it computed on the pinned output.
    expect(run.nodeRuns.find((r) => r.nodeId === 'after')?.output).toMatchObject({ body: { path: '/t2/after' } });
    const { events } = await h.events(alice, run.id);
    expect(events.find((e) => e.nodeId === 'fetch')).toMatchObject({ type: 'NODE_SUCCEEDED', data: { pinned: true, record: { output: pinned } } });

    const without = await testNode(alice, { flowId, graph, nodeId: 'after', usePinned: false });
    expect((await h.settled(alice, without.data!.testNode.id)).status).toBe('SUCCEEDED');
    expect(api.count('/t2/fetch')).toBe(1);
  }, 30_000);

  it('never uses pinned data in a run of the saved flow', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, draft('/t3', { fetch: { status: 200, headers: {}, body: { hit: 7 } } }));
    const started = await h.start(alice, flowId, { q: 1 });
    const run = await h.settled(alice, started.id);
    expect(run.status).toBe('SUCCEEDED');
    expect(api.count('/t3/fetch')).toBe(1);
    expect(run.nodeRuns.find((r) => r.nodeId === 'fetch')?.output).toMatchObject({ body: { path: '/t3/fetch' } });
  }, 30_000);

  it('refuses an invalid part of the draft naming the node, but not a broken node downstream of the selected one', async () => {
    const flowId = savedFlow();
    const broken = draft('/t4');
    broken.nodes[1] = node('shape', 'transform', {});
    const refused = await testNode(alice, { flowId, graph: broken, nodeId: 'fetch' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ nodeId: 'shape', code: 'INVALID_CONFIG' }] });
    expect(refused.errors?.[0]?.message).toMatch(/shape.*expression/);

    const brokenAfter = draft('/t4');
    brokenAfter.nodes[3] = node('after', 'http.request', {});
    const allowed = await testNode(alice, { flowId, graph: brokenAfter, nodeId: 'fetch' });
    expect(allowed.errors).toBeUndefined();
    expect((await h.settled(alice, allowed.data!.testNode.id)).status).toBe('SUCCEEDED');
  }, 30_000);

  it('refuses bad inputs with a code and the field', async () => {
    const flowId = savedFlow();
    const codeOf = async (caller: Caller, variables: Record<string, unknown>) => (await testNode(caller, variables)).errors?.[0]?.extensions;
    expect(await codeOf(alice, { flowId, graph: draft('/t5'), nodeId: 'nope' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'nodeId' });
    expect(await codeOf(alice, { flowId, graph: { nodes: 'x' }, nodeId: 'fetch' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'graph' });
    const dangling = { ...draft('/t5'), edges: [...draft('/t5').edges, edge('fetch', 'ghost')] };
    expect(await codeOf(alice, { flowId, graph: dangling, nodeId: 'fetch' })).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ code: 'DANGLING_EDGE' }] });
    const huge = draft('/t5', { side: { blob: 'x'.repeat(300_000) } });
    expect(await codeOf(alice, { flowId, graph: huge, nodeId: 'fetch' })).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', nodeId: 'side', field: 'pinnedData' });
    expect(await codeOf(alice, { flowId: savedFlow(mallory), graph: draft('/t5'), nodeId: 'fetch' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await codeOf({ ...alice, role: 'viewer' }, { flowId, graph: draft('/t5'), nodeId: 'fetch' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(null as unknown as Caller, { flowId, graph: draft('/t5'), nodeId: 'fetch' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect([api.count('/t5/fetch'), api.count('/t5/side')]).toEqual([0, 0]);
  }, 30_000);
});

const RETRY = `mutation ($id: ID!, $from: String, $version: RetryVersion) {
  retryExecution(id: $id, fromNodeId: $from, version: $version) { id status test retryOfId retryFromNodeId flowVersion }
}`;

interface RetryAnswer {
  retryExecution: { id: string; status: string; test: boolean; retryOfId: string; retryFromNodeId: string | null; flowVersion: number };
}

/** Retry from any node, on the version that ran or the current one. */
describe('retrying a run from a node', () => {
  let h: ExecutionsHarness;
  // `.../after` answers 400 to its first call (a failure that is not retried), then 200.
  const api = new CountingServer((path, hit) => ({ status: path.endsWith('/after') && hit === 1 ? 400 : 200 }));
  const alice = editorOf();
  const mallory = editorOf();

  beforeAll(async () => {
    await api.start();
    h = await ExecutionsHarness.start();
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await api.close();
  }, 30_000);

  /** start -> fetch (/fetch) -> after (/after, fails once) -> out. */
  const flowOf = (path: string, afterPath = `${path}/after`): FlowGraph =>
    chain(
      node('fetch', 'http.request', { url: `${api.url}${path}/fetch` }),
      node('after', 'http.request', { url: `${api.url}${afterPath}?from={{ $nodes.fetch.body.hit }}` }),
      node('out', 'output', { expression: '$nodes.after.body' }),
    );

  /** A saved flow whose first run failed at `after`. */
  async function failedRun(path: string): Promise<{ flowId: string; runId: string }> {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, flowOf(path));
    const started = await h.start(alice, flowId, { n: 1 });
    const run = await h.settled(alice, started.id);
    expect(run.error).toMatchObject({ nodeId: 'after' });
    return { flowId, runId: run.id };
  }

  const retry = (caller: Caller, variables: Record<string, unknown>) => h.request<RetryAnswer>(RETRY, variables, caller);

  it('retries from the failed node on the version that ran: the nodes upstream keep their results and are not called again', async () => {
    const { runId } = await failedRun('/r1');
    const answer = await retry(alice, { id: runId });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.retryExecution).toMatchObject({ retryOfId: runId, retryFromNodeId: 'after', test: false, flowVersion: 1 });
    const run = await h.settled(alice, answer.data!.retryExecution.id);
    expect(run.status).toBe('SUCCEEDED');
    expect([api.count('/r1/fetch'), api.count('/r1/after')]).toEqual([1, 2]);
    expect(run.nodeRuns.find((r) => r.nodeId === 'fetch')).toMatchObject({ status: 'SUCCEEDED', output: { body: { hit: 1 } } });
    expect(run.output).toMatchObject({ path: '/r1/after', hit: 2 });
    const { events } = await h.events(alice, run.id);
    expect(events.find((e) => e.nodeId === 'fetch')).toMatchObject({ type: 'NODE_SUCCEEDED', data: { reusedFrom: runId } });
  }, 30_000);

  it('retries on the current version, running its changed nodes with the results of the unchanged ones upstream', async () => {
    const { flowId, runId } = await failedRun('/r2');
    h.putFlow(alice, flowId, flowOf('/r2', '/r2/fixed'));
    const answer = await retry(alice, { id: runId, from: 'after', version: 'CURRENT' });
    expect(answer.data?.retryExecution).toMatchObject({ flowVersion: 2, retryFromNodeId: 'after' });
    const run = await h.settled(alice, answer.data!.retryExecution.id);
    expect(run.status).toBe('SUCCEEDED');
    expect([api.count('/r2/fetch'), api.count('/r2/after'), api.count('/r2/fixed')]).toEqual([1, 1, 1]);
  }, 30_000);

  it('refuses, with the reason and the nodes, when the current version lacks the upstream nodes that ran', async () => {
    const { flowId, runId } = await failedRun('/r3');
    const ran = flowOf('/r3');
    const inserted: FlowGraph = {
      nodes: [...ran.nodes, node('extra', 'transform', { expression: '1' })],
      edges: [edge('start', 'fetch'), edge('fetch', 'extra'), edge('extra', 'after'), edge('after', 'out')],
    };
    h.putFlow(alice, flowId, inserted);
    const notRun = await retry(alice, { id: runId, from: 'after', version: 'CURRENT' });
    expect(notRun.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UPSTREAM_NOT_RUN', nodeIds: ['extra'] });
    h.putFlow(alice, flowId, chain(node('after', 'http.request', { url: `${api.url}/r3/after` })));
    const removed = await retry(alice, { id: runId, from: 'after', version: 'CURRENT' });
    expect(removed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UPSTREAM_REMOVED', nodeIds: ['fetch'] });
    // Past the failed node, nothing upstream of `out` has a result to reuse.
    const pastFailure = await retry(alice, { id: runId, from: 'out' });
    expect(pastFailure.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UPSTREAM_NOT_RUN', nodeIds: ['after'] });
    expect(api.count('/r3/fetch')).toBe(1);
  }, 30_000);

  it('runs the whole flow again, with the same input, when no node is named and the run did not fail at one', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, chain(node('fetch', 'http.request', { url: `${api.url}/r5/fetch?n={{ $input.n }}` })));
    const first = await h.settled(alice, (await h.start(alice, flowId, { n: 5 })).id);
    expect(first.status).toBe('SUCCEEDED');
    const answer = await retry(alice, { id: first.id });
    expect(answer.data?.retryExecution).toMatchObject({ retryOfId: first.id, retryFromNodeId: null });
    expect((await h.settled(alice, answer.data!.retryExecution.id)).status).toBe('SUCCEEDED');
    expect(api.count('/r5/fetch')).toBe(2);
  }, 30_000);

  it('refuses bad inputs with a code', async () => {
    const { runId } = await failedRun('/r4');
    const codeOf = async (caller: Caller, variables: Record<string, unknown>) => (await retry(caller, variables)).errors?.[0]?.extensions;
    expect(await codeOf(alice, { id: runId, from: 'ghost' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fromNodeId' });
    expect(await codeOf(mallory, { id: runId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await codeOf({ ...alice, role: 'viewer' }, { id: runId })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(alice, { id: randomUUID() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(api.count('/r4/after')).toBe(1);
  }, 30_000);
});
