import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRunRecord } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import { NodeRun } from '../entities/node-run.entity';
import { finalRowOf } from '../services/settle-execution';
import { chain, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness } from '../test-support/harness';
import { nodeRunWrite } from './node-run-store';
import { RunCommitter, type RunWrite } from './run-committer';

const flowId = (n: number) => `c2000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const record = (nodeId: string, output: unknown): NodeRunRecord => {
  const at = new Date().toISOString();
  return { nodeId, status: 'SUCCEEDED', attempts: 1, input: { from: 'test' }, output, startedAt: at, finishedAt: at, durationMs: 1.5 };
};

/** Concurrent runs' commits share one write (group commit): node runs and final rows of several runs at once. */
describe('RunCommitter', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    await h.runtime.queue.pause();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  /** `count` QUEUED runs nothing will run (the queue is paused), marked RUNNING as a worker would. */
  async function runningRuns(n: number, count: number): Promise<string[]> {
    h.putFlow(alice, flowId(n), chain(node('a', 'transform', { expression: '1' })));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await h.start(alice, flowId(n))).id);
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id: { $in: ids } }, { status: 'RUNNING', startedAt: new Date() });
    return ids;
  }

  const finalWrite = (executionId: string, output: unknown, nodeIds: string[]): RunWrite => ({
    executionId,
    nodeRuns: nodeIds.map((nodeId) => nodeRunWrite(h.runtime, executionId, record(nodeId, { nodeId, output }))),
    upsert: false,
    final: finalRowOf(h.runtime, { status: 'SUCCEEDED', output, error: null, startedAt: new Date() }),
    tidy: false,
  });

  it('writes the node runs and final rows of runs committed together; a run settled by someone else first gets false', async () => {
    const [a, b, c] = await runningRuns(1, 3);
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id: c }, { status: 'CANCELLED' });
    const committer = new RunCommitter(h.runtime);
    const results = await Promise.all([
      committer.commit(finalWrite(a!, { n: 1 }, ['x', 'y'])),
      committer.commit(finalWrite(b!, 'two', ['x'])),
      committer.commit(finalWrite(c!, null, ['x'])),
      committer.commit({ executionId: a!, nodeRuns: [nodeRunWrite(h.runtime, a!, record('z', [1, 2]))], upsert: false }),
    ]);
    expect(results).toEqual([true, true, false, false]);
    const em = h.runtime.orm.em.fork();
    const rows = await em.find(Execution, { id: { $in: [a!, b!, c!] } }, { orderBy: { id: 'asc' } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(a!)).toMatchObject({ status: 'SUCCEEDED', output: { n: 1 }, outputTruncated: false, error: null });
    expect(byId.get(b!)).toMatchObject({ status: 'SUCCEEDED', output: 'two' });
    expect(byId.get(a!)!.finishedAt).toBeInstanceOf(Date);
    expect(typeof byId.get(a!)!.durationMs).toBe('number');
    expect(byId.get(c!)!.status).toBe('CANCELLED');
    const nodeRuns = await em.find(NodeRun, { executionId: { $in: [a!, b!, c!] } });
    expect(nodeRuns.map((r) => `${r.executionId === a ? 'a' : r.executionId === b ? 'b' : 'c'}:${r.nodeId}`).sort()).toEqual(['a:x', 'a:y', 'a:z', 'b:x', 'c:x']);
    expect(nodeRuns.find((r) => r.executionId === a && r.nodeId === 'z')).toMatchObject({ status: 'SUCCEEDED', attempts: 1, input: { from: 'test' }, output: [1, 2], durationMs: 1.5, error: null, attemptErrors: null });
  });

  it('fails only the run whose write is refused when runs were committed together', async () => {
    const [a, b] = await runningRuns(2, 2);
    const committer = new RunCommitter(h.runtime);
    await committer.commit({ executionId: a!, nodeRuns: [nodeRunWrite(h.runtime, a!, record('x', 1))], upsert: false });
    // `a` commits node x a second time: its row is there already.
    const [first, second] = await Promise.allSettled([committer.commit(finalWrite(a!, 1, ['x'])), committer.commit(finalWrite(b!, 2, ['x']))]);
    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: true });
    const em = h.runtime.orm.em.fork();
    expect((await em.findOneOrFail(Execution, { id: a! })).status).toBe('RUNNING');
    expect((await em.findOneOrFail(Execution, { id: b! })).status).toBe('SUCCEEDED');
  });
});
