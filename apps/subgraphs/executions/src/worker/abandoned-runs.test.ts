import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Execution } from '../entities/execution.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import { RECOVER_SCHEDULER_ID, RUN_JOB_ATTEMPTS, runJobId } from '../queue/run-queue';
import { CountingServer } from '../test-support/counting-server';
import { chain, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { waitFor, WorkerProcess } from '../test-support/worker-process';
import { commitNodeRun } from './node-run-store';
import { RUN_HEARTBEAT_STALE_MS } from './run-heartbeat';

const flowId = (n: number) => `c2000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const alice = editorOf();
/** The recover sweep runs this often in these tests (a minute by default). */
const FAST_RECOVER = { RECOVER_EVERY_MS: '300' };
const terminalTypes = new Set(['EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTION_CANCELLED']);

/**
 * start -> big (kept whole for resuming: over NODE_OUTPUT_MAX_BYTES) -> keep -> out. `keep` is a
 * node with effects (code): its commit takes the pure `big` with it, before the final write.
 */
const bigThenOut = () =>
  chain(
    node('big', 'transform', { expression: '{ "text": $pad("", 400000, "x") }' }),
    node('keep', 'code', { code: 'return 1;' }),
    node('out', 'output', { expression: '$length($nodes.big.text)' }),
  );

/**
 * A real fault in the run's database: a trigger refuses to write the final row of `flow`'s runs
 * (as a database that is away, or a row write that fails, would). Returns the repair.
 */
async function refuseFinalRows(h: ExecutionsHarness, flow: string): Promise<() => Promise<void>> {
  const connection = h.runtime.orm.em.getConnection();
  const trigger = `refuse_final_${flow.replaceAll('-', '')}`;
  await connection.execute(`create or replace function refuse_final_row() returns trigger language plpgsql as $$
    begin raise exception 'the final row cannot be written (test fault)'; end $$`);
  await connection.execute(`create trigger ${trigger} before update on executions for each row
    when (old.flow_id = '${flow}' and new.status in ('SUCCEEDED', 'FAILED', 'CANCELLED')) execute function refuse_final_row()`);
  return async () => void (await connection.execute(`drop trigger ${trigger} on executions`));
}

const statusOf = async (h: ExecutionsHarness, id: string) => (await h.runtime.orm.em.fork().findOneOrFail(Execution, { id })).status;
const keptWhole = (h: ExecutionsHarness, id: string) => h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id });

/** Every event of the run, checked gapless, with exactly one terminal event and that one last. */
async function expectOneTerminalEvent(h: ExecutionsHarness, id: string, type: string): Promise<void> {
  const { events } = await h.events(alice, id);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => terminalTypes.has(e.type)).map((e) => e.type)).toEqual([type]);
  expect(events.at(-1)?.type).toBe(type);
}

describe('the recover sweep fails the runs nothing will finish, and resumes the ones Redis lost', () => {
  let h: ExecutionsHarness;

  beforeAll(async () => {
    h = await ExecutionsHarness.start(FAST_RECOVER);
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('fails a run whose final row could not be written on any attempt, once the database takes it again', async () => {
    h.putFlow(alice, flowId(1), bigThenOut());
    const repair = await refuseFinalRows(h, flowId(1));
    const { id } = await h.start(alice, flowId(1));
    await waitFor(async () => (await h.runtime.queue.getJobState(runJobId(id))) === 'failed', 20_000, 'the run job to fail on its last attempt');
    expect((await h.runtime.queue.getJob(runJobId(id)))?.attemptsMade).toBe(RUN_JOB_ATTEMPTS);
    expect(await statusOf(h, id)).toBe('RUNNING');
    expect(await keptWhole(h, id)).toBe(1);
    await repair();
    const done = await h.settled(alice, id, 15_000);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run could not be completed' } });
    expect(done.finishedAt).not.toBeNull();
    expect(await keptWhole(h, id)).toBe(0);
    await expectOneTerminalEvent(h, id, 'EXECUTION_FAILED');
  }, 60_000);

  it('leaves a RUNNING run whose job is gone to the process beating for it, and resumes it once the heartbeat is stale', async () => {
    h.putFlow(alice, flowId(2), bigThenOut());
    await h.runtime.queue.pause();
    let id = '';
    try {
      id = (await h.start(alice, flowId(2))).id;
      // A worker started it and committed `start` and `big`, then the job vanished (Redis lost it, or it was removed by hand).
      await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { status: 'RUNNING', startedAt: new Date(), heartbeatAt: new Date() });
      const at = new Date().toISOString();
      await commitNodeRun(h.runtime, id, { nodeId: 'big', status: 'SUCCEEDED', attempts: 1, input: null, output: { text: 'x'.repeat(400_000) }, startedAt: at, finishedAt: at, durationMs: 1 }, { resuming: false });
      await (await h.runtime.queue.getJob(runJobId(id)))!.remove();
      expect(await keptWhole(h, id)).toBe(1);
    } finally {
      await h.runtime.queue.resume();
    }
    // Some process says it still runs it: sweeps go by and leave it alone.
    const sweeps = async () => (await h.runtime.queue.getJobScheduler(RECOVER_SCHEDULER_ID))?.iterationCount ?? 0;
    const seen = await sweeps();
    await waitFor(async () => (await sweeps()) >= seen + 3, 20_000, 'recover sweeps to go by');
    expect(await statusOf(h, id)).toBe('RUNNING');
    expect(await h.runtime.queue.getJob(runJobId(id))).toBeUndefined();

    // Nothing has said so for longer than RUN_HEARTBEAT_STALE_MS: it is queued again and resumes from `big`, kept whole.
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { heartbeatAt: new Date(Date.now() - RUN_HEARTBEAT_STALE_MS - 1_000) });
    const done = await h.settled(alice, id, 15_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 400_000 });
    expect(nodeRunOf(done, 'big').attempts).toBe(1);
    expect(await keptWhole(h, id)).toBe(0);
    await expectOneTerminalEvent(h, id, 'EXECUTION_SUCCEEDED');
  }, 60_000);

  it('fails a child run whose settle failed once its parent has ended', async () => {
    h.putFlow(alice, flowId(3), chain(node('double', 'transform', { expression: '{ "v": $input.v * 2 }' }), node('out', 'output')));
    h.putFlow(alice, flowId(4), chain(node('sub', 'subflow', { flowId: flowId(3), input: '{ "v": 2 }' }), node('out', 'output')));
    const repair = await refuseFinalRows(h, flowId(3));
    const { id } = await h.start(alice, flowId(4));
    const parent = await h.settled(alice, id, 15_000);
    expect(parent).toMatchObject({ status: 'FAILED', error: { nodeId: 'sub' } });
    const child = await h.runtime.orm.em.fork().findOneOrFail(Execution, { parentExecutionId: id });
    expect(child.status).toBe('RUNNING');
    await repair();
    // A child younger than the grace may still be settling after its parent (a cancel in flight).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await statusOf(h, child.id)).toBe('RUNNING');
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { finishedAt: new Date(Date.now() - 60_000) });
    const done = await h.settled(alice, child.id, 15_000);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run was lost: its parent run ended before it did' } });
    await expectOneTerminalEvent(h, child.id, 'EXECUTION_FAILED');
  }, 60_000);

  it('cancels a queued run whose cancel could not write the final row, once the database takes it again', async () => {
    h.putFlow(alice, flowId(5), bigThenOut());
    const repair = await refuseFinalRows(h, flowId(5));
    await h.runtime.queue.pause();
    let id = '';
    try {
      id = (await h.start(alice, flowId(5))).id;
      expect((await h.cancel(alice, id)).code).toBe('INTERNAL');
      expect(await h.runtime.queue.getJob(runJobId(id))).toBeUndefined();
      expect(await statusOf(h, id)).toBe('QUEUED');
      await repair();
      // Left QUEUED without a job for longer than the orphan grace: the sweep queues it again.
      await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { createdAt: new Date(Date.now() - 60_000) });
    } finally {
      await h.runtime.queue.resume();
    }
    const done = await h.settled(alice, id, 15_000);
    expect(done).toMatchObject({ status: 'CANCELLED', error: { code: 'CANCELLED' } });
    expect(done.nodeRuns).toEqual([]);
    await expectOneTerminalEvent(h, id, 'EXECUTION_CANCELLED');
  }, 60_000);
});

describe('a run failed for stalling is settled even when settling it failed then', () => {
  let h: ExecutionsHarness;
  let remote: CountingServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await ExecutionsHarness.start(FAST_RECOVER);
    remote = await new CountingServer(() => ({ status: 200, delayMs: 60_000 })).start();
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await h?.close();
    await remote?.close();
  }, 30_000);

  const spawnWorker = (): WorkerProcess => {
    const worker = new WorkerProcess(h.workerEnv({ WORKER_MAX_STALLED: '1', ...FAST_RECOVER }));
    workers.push(worker);
    return worker;
  };

  it('fails the run as interrupted too many times once the database takes the final row again', async () => {
    h.putFlow(alice, flowId(6), chain(node('hang', 'http.request', { url: `${remote.url}/hang` }), node('out', 'output')));
    const repair = await refuseFinalRows(h, flowId(6));
    const { id } = await h.start(alice, flowId(6));
    // Each worker gets as far as `hang` and dies there: the second death is one stall too many.
    for (const hit of [1, 2]) {
      const doomed = spawnWorker();
      await waitFor(() => remote.count('/hang') === hit, 30_000, `worker ${hit} to reach the hanging node`);
      doomed.kill('SIGKILL');
      await doomed.exited;
    }
    const last = spawnWorker();
    await waitFor(async () => (await h.runtime.queue.getJobState(runJobId(id))) === 'failed', 30_000, 'the run job to fail for stalling');
    // The failed job's own settle was refused; give it time to have tried.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await statusOf(h, id)).toBe('RUNNING');
    await repair();
    const done = await h.settled(alice, id, 15_000);
    expect(done, last.output).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run was interrupted too many times' } });
    expect(remote.count('/hang')).toBe(2);
    await expectOneTerminalEvent(h, id, 'EXECUTION_FAILED');
  }, 90_000);
});
