import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, editorOf, fourNodeFlow, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';
import { Execution } from './entities/execution.entity';
import { NodeRun } from './entities/node-run.entity';
import { pruneExecutions } from './worker/prune';
import { recoverOrphanedRuns } from './worker/recover-orphans';

describe('executions: start, run, history', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const mallory = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('runs a flow to SUCCEEDED with each node run committed', async () => {
    h.putFlow(alice, 'a0000000-0000-4000-8000-000000000001', fourNodeFlow());
    const started = await h.start(alice, 'a0000000-0000-4000-8000-000000000001', { n: 7 });
    expect(started.status).toBe('QUEUED');
    const done = await h.settled(alice, started.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { n: 14 }, error: null });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    const byNode = Object.fromEntries(done.nodeRuns.map((r: { nodeId: string }) => [r.nodeId, r]));
    expect(Object.keys(byNode).sort()).toEqual(['big', 'double', 'out', 'start']);
    expect(byNode.double).toMatchObject({ status: 'SUCCEEDED', attempts: 1, output: { n: 14 } });
    // Sub-millisecond timings survive the database and GraphQL (a transform takes microseconds).
    const { durationMs } = nodeRunOf(done, 'double');
    expect(typeof durationMs).toBe('number');
    expect(durationMs).toBeGreaterThan(0);
  });

  it('returns the same execution for the same idempotency key', async () => {
    h.putFlow(alice, 'a0000000-0000-4000-8000-000000000002', fourNodeFlow());
    const [first, second] = await Promise.all([
      h.start(alice, 'a0000000-0000-4000-8000-000000000002', { n: 1 }, 'key-1'),
      h.start(alice, 'a0000000-0000-4000-8000-000000000002', { n: 1 }, 'key-1'),
    ]);
    const third = await h.start(alice, 'a0000000-0000-4000-8000-000000000002', { n: 1 }, 'key-1');
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    const other = await h.start(alice, 'a0000000-0000-4000-8000-000000000002', { n: 1 }, 'key-2');
    expect(other.id).not.toBe(first.id);
  });

  it('refuses an invalid flow with VALIDATION_FAILED naming the node', async () => {
    h.putFlow(alice, 'a0000000-0000-4000-8000-000000000003', chain(node('bad', 'transform', {})));
    const result = await h.request(`mutation { startExecution(flowId: "a0000000-0000-4000-8000-000000000003") { id } }`, {}, alice);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(result.errors?.[0]?.extensions.problems)).toContain('bad');
  });

  it('answers NOT_FOUND for a flow of another workspace', async () => {
    h.putFlow(mallory, 'a0000000-0000-4000-8000-000000000004', fourNodeFlow());
    const result = await h.request(`mutation { startExecution(flowId: "a0000000-0000-4000-8000-000000000004") { id } }`, {}, alice);
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it("hides another workspace's execution from reads, cancels and subscriptions", async () => {
    h.putFlow(alice, 'a0000000-0000-4000-8000-000000000005', fourNodeFlow());
    const started = await h.start(alice, 'a0000000-0000-4000-8000-000000000005', { n: 1 });
    expect(await h.execution(mallory, started.id)).toBeNull();
    expect(await h.cancel(mallory, started.id)).toEqual({ code: 'NOT_FOUND' });
    const subscription = await h.events(mallory, started.id);
    expect(subscription.events).toEqual([]);
    expect(JSON.stringify(subscription.errors)).toContain('NOT_FOUND');
    expect((await h.executionIds(mallory)).ids).toEqual([]);
  });

  it('refuses viewers and unsigned callers', async () => {
    const viewer = { ...alice, role: 'viewer' as const };
    const result = await h.request(`mutation { startExecution(flowId: "a0000000-0000-4000-8000-000000000001") { id } }`, {}, viewer);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const anonymous = await h.request(`{ executions { edges { cursor } } }`, {}, null);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('pages history newest first and reports flow stats', async () => {
    const flowId = 'a0000000-0000-4000-8000-000000000006';
    h.putFlow(alice, flowId, fourNodeFlow());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.start(alice, flowId, { n: i })).id);
    for (const id of ids) await h.settled(alice, id);
    const page1 = await h.executionIds(alice, { flowId, first: 2 });
    expect(page1.ids).toEqual([ids[2], ids[1]]);
    expect(page1.page.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.executionIds(alice, { flowId, first: 2, after: page1.page.pageInfo.endCursor });
    expect(page2.ids).toEqual([ids[0]]);
    expect(page2.page.pageInfo.hasNextPage).toBe(false);
    type FlowEntity = { stats: unknown; executions: { edges: Array<{ node: { id: string } }> } };
    const stats = await h.request<{ _entities: FlowEntity[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Flow { stats { runs successRate p50DurationMs p95DurationMs } executions(first: 1) { edges { node { id } } } } } }`,
      { r: [{ __typename: 'Flow', id: flowId }] },
      alice,
    );
    const [flow] = stats.data!._entities;
    expect(flow?.stats).toMatchObject({ runs: 3, successRate: 1 });
    expect(flow?.executions.edges.map((e) => e.node.id)).toEqual([ids[2]]);
  });

  it('prunes executions finished before the retention, with their node runs and streams', async () => {
    const flowId = 'a0000000-0000-4000-8000-000000000007';
    h.putFlow(alice, flowId, fourNodeFlow());
    const old = await h.start(alice, flowId, { n: 1 });
    const recent = await h.start(alice, flowId, { n: 2 });
    await h.settled(alice, old.id);
    await h.settled(alice, recent.id);
    const longAgo = new Date(Date.now() - h.settings.RETENTION_MS - 60_000);
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id: old.id }, { finishedAt: longAgo });
    expect(await pruneExecutions(h.runtime)).toBeGreaterThanOrEqual(1);
    expect(await h.execution(alice, old.id)).toBeNull();
    expect(await h.runtime.orm.em.fork().count(NodeRun, { executionId: old.id })).toBe(0);
    expect(await h.runtime.events.lastSeq(old.id)).toBe(0);
    expect((await h.execution(alice, recent.id))?.status).toBe('SUCCEEDED');
  });

  it('refuses a graphql-ws connection without a valid gateway signature', async () => {
    const client = h.wsClient(alice, 'not-the-gateway-key-not-the-gateway-key');
    const closed = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `subscription { executionEvents(executionId: "x") { seq } }` }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
    });
    expect((closed as { code?: number }).code).toBe(4403);
  });

  it('re-queues a run left QUEUED without its job', async () => {
    const flowId = 'a0000000-0000-4000-8000-000000000008';
    h.putFlow(alice, flowId, fourNodeFlow());
    await h.runtime.queue.pause();
    let id = '';
    try {
      id = (await h.start(alice, flowId, { n: 7 })).id;
      await (await h.runtime.queue.getJob(`run-${id}`))!.remove(); // as if the API died before queuing
      await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { createdAt: new Date(Date.now() - 60_000) });
      expect(await recoverOrphanedRuns(h.runtime)).toBe(1);
      expect(await recoverOrphanedRuns(h.runtime)).toBe(0);
    } finally {
      await h.runtime.queue.resume();
    }
    expect(await h.settled(alice, id)).toMatchObject({ status: 'SUCCEEDED', output: { n: 14 } });
  });
});

