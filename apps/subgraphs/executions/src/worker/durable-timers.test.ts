import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionWait } from '../entities/execution-wait.entity';
import { Execution } from '../entities/execution.entity';
import { JobName } from '../queue/run-queue';
import { CountingServer } from '../test-support/counting-server';
import { chain, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { waitFor, WorkerProcess } from '../test-support/worker-process';

/** The most waits whose span (parked at `createdAt`, ended at `resolvedAt`) overlap at one moment. */
function mostWaitingAtOnce(waits: readonly ExecutionWait[]): number {
  const edges = waits.flatMap((w) => [[w.createdAt.getTime(), 1] as const, [w.resolvedAt!.getTime(), -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

const flowId = (n: number) => `d1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('durable timers: a waiting run holds no worker', () => {
  let h: ExecutionsHarness;
  let remote: CountingServer;
  const workers: WorkerProcess[] = [];
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    remote = await new CountingServer(() => ({ status: 503 })).start();
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await h?.close();
    await remote?.close();
  }, 30_000);

  const spawnWorker = async (env: Record<string, string> = {}): Promise<WorkerProcess> => {
    const before = await h.runtime.queue.getWorkersCount();
    const worker = new WorkerProcess(h.workerEnv({ WORKER_CONCURRENCY: '2', ...env }));
    workers.push(worker);
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) > before, 30_000, 'the worker to connect');
    return worker;
  };
  const stop = async (worker: WorkerProcess): Promise<void> => {
    const before = await h.runtime.queue.getWorkersCount();
    worker.kill('SIGKILL');
    await worker.exited;
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) < before, 30_000, 'the worker to be gone');
  };
  const waitsOf = (ids: string[]) => h.runtime.orm.em.fork().find(ExecutionWait, { executionId: { $in: ids } });
  const statusOf = async (id: string) => (await h.runtime.orm.em.fork().findOneOrFail(Execution, { id }, { fields: ['status'] })).status;

  it('runs 50 runs that each wait 2 s on one worker with 2 slots side by side: far more than 2 wait at once', async () => {
    h.putFlow(alice, flowId(1), chain(node('wait', 'delay', { ms: 2_000 }), node('out', 'output', { expression: '$input.i' })));
    // All queued first, so the worker, not the test's requests, sets the pace.
    const ids = (await Promise.all(Array.from({ length: 50 }, (_, i) => h.start(alice, flowId(1), { i })))).map((run) => run.id);
    const worker = await spawnWorker();
    const done = await Promise.all(ids.map((id) => h.settled(alice, id, 120_000)));
    expect(done.map((run) => run.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    expect(done.map((run) => run.output)).toEqual(ids.map((_, i) => i));
    // A resumed run keeps its start: its duration spans its wait.
    expect(done.filter((run) => run.durationMs! < 2_000)).toEqual([]);
    const waits = await waitsOf(ids);
    expect(waits).toHaveLength(50);
    // Held in a slot, at most 2 runs could be inside their wait at once; parked, most of them are.
    expect(mostWaitingAtOnce(waits)).toBeGreaterThan(2);
    expect(waits.every((w) => w.resolvedAt!.getTime() >= w.dueAt.getTime())).toBe(true);
    expect(waits.every((w) => w.status === 'DONE' && w.kind === 'time')).toBe(true);
    const { events } = await h.events(alice, ids[0]!);
    expect(events.map((e) => e.type)).toEqual([
      'EXECUTION_STARTED', 'NODE_STARTED', 'NODE_SUCCEEDED', 'NODE_STARTED', 'NODE_WAITING', 'EXECUTION_WAITING',
      'NODE_STARTED', 'NODE_SUCCEEDED', 'NODE_STARTED', 'NODE_SUCCEEDED', 'EXECUTION_SUCCEEDED',
    ]);
    await stop(worker);
  }, 180_000);

  it('fires a timer that fell due while every worker was down (and its wake job was lost) once a worker is back', async () => {
    const worker = await spawnWorker();
    h.putFlow(alice, flowId(2), chain(node('wait', 'delay', { ms: 1_500 }), node('out', 'output', { expression: '"woke"' })));
    const { id } = await h.start(alice, flowId(2));
    await waitFor(async () => (await statusOf(id)) === 'WAITING', 30_000, 'the run to park');
    await stop(worker);
    // As if Redis lost it: only the database knows the run is due.
    for (const job of await h.runtime.queue.getDelayed()) if (job.name === JobName.wake) await job.remove();
    const [wait] = await waitsOf([id]);
    await waitFor(() => Date.now() > wait!.dueAt.getTime() + 500, 10_000, 'the timer to fall due');
    expect(await statusOf(id)).toBe('WAITING');
    const back = await spawnWorker();
    expect(await h.settled(alice, id, 60_000)).toMatchObject({ status: 'SUCCEEDED', output: 'woke' });
    await stop(back);
  }, 120_000);

  it('parks a long retry back-off and runs the next attempt when due, keeping every failed attempt', async () => {
    const worker = await spawnWorker();
    h.putFlow(alice, flowId(3), chain(node('call', 'http.request', { url: `${remote.url}/down`, retry: { maxAttempts: 2, delayMs: 1_500 } })));
    const { id } = await h.start(alice, flowId(3));
    await waitFor(async () => (await statusOf(id)) === 'WAITING', 30_000, 'the back-off to park the run');
    const failed = await h.settled(alice, id, 60_000);
    expect(failed.status).toBe('FAILED');
    expect(nodeRunOf(failed, 'call')).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(nodeRunOf(failed, 'call').attemptErrors.map((e) => e.attempt)).toEqual([1, 2]);
    expect(remote.count('/down')).toBe(2);
    await stop(worker);
  }, 120_000);

  it('cancels a WAITING run at once; it never resumes', async () => {
    const worker = await spawnWorker();
    h.putFlow(alice, flowId(4), chain(node('wait', 'delay', { ms: 1_500 }), node('out', 'output')));
    const { id } = await h.start(alice, flowId(4));
    await waitFor(async () => (await statusOf(id)) === 'WAITING', 30_000, 'the run to park');
    expect(await h.cancel(alice, id)).toEqual({ status: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const run = await h.settled(alice, id);
    expect(run.status).toBe('CANCELLED');
    expect(run.nodeRuns.map((r) => r.nodeId)).not.toContain('out');
    const { events } = await h.events(alice, id);
    expect(events.at(-1)?.type).toBe('EXECUTION_CANCELLED');
    expect(events.filter((e) => e.type === 'EXECUTION_CANCELLED')).toHaveLength(1);
    await stop(worker);
  }, 60_000);

  it('refuses a delay of more than a year, and fails the node on an until that names no time', async () => {
    h.putFlow(alice, flowId(5), chain(node('wait', 'delay', { ms: 366 * 86_400_000 })));
    const refused = await h.request(`mutation ($flowId: ID!) { startExecution(flowId: $flowId) { id } }`, { flowId: flowId(5) }, alice);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    const worker = await spawnWorker();
    h.putFlow(alice, flowId(6), chain(node('wait', 'delay', { until: '$input.when' })));
    const { id } = await h.start(alice, flowId(6), { when: 'tomorrow' });
    const failed = await h.settled(alice, id, 30_000);
    expect(nodeRunOf(failed, 'wait').error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('ISO 8601') });
    await stop(worker);
  }, 60_000);
});
