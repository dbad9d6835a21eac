import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { editorOf, fourNodeFlow } from './test-support/flow-fixtures';
import { ExecutionsHarness } from './test-support/harness';

const LAST_NODE_RUN = `query ($flowId: ID!, $nodeId: String!) {
  lastNodeRun(flowId: $flowId, nodeId: $nodeId) {
    execution { id test status }
    nodeRun { nodeId status input output error { code } attemptErrors { attempt } }
  }
}`;
const TEST_NODE = `mutation ($flowId: ID!, $graph: JSON!, $nodeId: String!, $input: JSON) {
  testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, input: $input) { id }
}`;

interface LastNodeRunAnswer {
  lastNodeRun: {
    execution: { id: string; test: boolean; status: string };
    nodeRun: { nodeId: string; status: string; input: unknown; output: unknown; error: { code: string } | null; attemptErrors: unknown[] };
  } | null;
}

const viewerOf = (workspaceId: string): Caller => ({ userId: randomUUID(), workspaceId, role: 'viewer', scopes: null });

/** The editor's node view after a reload asks for a node's data in the newest run that ran it; real PostgreSQL, Redis and worker. */
describe('the last run of a node', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const aliceViewer = viewerOf(alice.workspaceId);
  const mallory = viewerOf(randomUUID());

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  const last = (caller: Caller, flowId: string, nodeId: string) => h.request<LastNodeRunAnswer>(LAST_NODE_RUN, { flowId, nodeId }, caller);

  it('answers the node data in the newest run that ran it, a run of the saved flow or a test run', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, fourNodeFlow());
    expect((await last(alice, flowId, 'double')).data?.lastNodeRun).toBeNull();

    const run = await h.settled(alice, (await h.start(alice, flowId, { n: 3 })).id);
    expect(run.status).toBe('SUCCEEDED');
    const fromRun = await last(aliceViewer, flowId, 'double');
    expect(fromRun.errors).toBeUndefined();
    expect(fromRun.data?.lastNodeRun).toMatchObject({ execution: { id: run.id, test: false, status: 'SUCCEEDED' }, nodeRun: { nodeId: 'double', status: 'SUCCEEDED', output: { n: 6 }, error: null } });
    expect(fromRun.data?.lastNodeRun?.nodeRun.input).not.toBeNull();
    // `out` was skipped (the condition was false): no run ran it.
    expect((await last(alice, flowId, 'out')).data?.lastNodeRun).toBeNull();

    // A test run of a draft up to `double` is newer: its data wins; nodes it did not run keep the older run's.
    const graph = fourNodeFlow();
    const tested = await h.request<{ testNode: { id: string } }>(TEST_NODE, { flowId, graph, nodeId: 'double', input: { n: 10 } }, alice);
    expect(tested.errors).toBeUndefined();
    const testRun = await h.settled(alice, tested.data!.testNode.id);
    expect(testRun.status).toBe('SUCCEEDED');
    expect((await last(alice, flowId, 'double')).data?.lastNodeRun).toMatchObject({ execution: { id: testRun.id, test: true }, nodeRun: { output: { n: 20 } } });
    expect((await last(alice, flowId, 'big')).data?.lastNodeRun).toMatchObject({ execution: { id: run.id, test: false }, nodeRun: { status: 'SUCCEEDED' } });
  }, 60_000);

  it('answers the error of a node that failed', async () => {
    const flowId = randomUUID();
    const graph = fourNodeFlow();
    graph.nodes[1] = { ...graph.nodes[1]!, data: { expression: '$error("broken on purpose")' } };
    h.putFlow(alice, flowId, graph);
    const run = await h.settled(alice, (await h.start(alice, flowId, { n: 1 })).id);
    expect(run.status).toBe('FAILED');
    expect((await last(alice, flowId, 'double')).data?.lastNodeRun).toMatchObject({ execution: { id: run.id, status: 'FAILED' }, nodeRun: { status: 'FAILED', output: null, error: { code: expect.any(String) } } });
  }, 60_000);

  it('is NOT_FOUND for a flow of another workspace or no flow, and needs a signed-in caller', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, fourNodeFlow());
    await h.settled(alice, (await h.start(alice, flowId, { n: 3 })).id);
    expect((await last(alice, flowId, 'double')).data?.lastNodeRun).not.toBeNull();
    const stranger = await last(mallory, flowId, 'double');
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(stranger.data?.lastNodeRun ?? null).toBeNull();
    expect((await last(editorOf(), flowId, 'double')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await last(alice, randomUUID(), 'double')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await last(alice, 'not-a-uuid', 'double')).errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'flowId' });
    expect((await h.request(LAST_NODE_RUN, { flowId, nodeId: 'double' }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 60_000);
});
