import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobId } from '../queue/run-queue';
import { chain, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { POISON_DELAY_MS } from '../test-support/poison-node';
import { waitFor, WorkerProcess } from '../test-support/worker-process';

const poisonPreload = fileURLToPath(new URL('../test-support/poison-node-preload.ts', import.meta.url));
const poisonFlow = 'c3000000-0000-4000-8000-000000000001';
const innocentFlow = 'c3000000-0000-4000-8000-000000000002';
const alice = editorOf();

/** Keeps one worker process running, starting another whenever it dies, as the launcher does. */
class OneWorkerSupervisor {
  current!: WorkerProcess;
  deaths = 0;
  private stopped = false;

  constructor(private readonly spawnWorker: () => WorkerProcess) {
    this.keep();
  }

  private keep(): void {
    const worker = this.spawnWorker();
    this.current = worker;
    void worker.exited.then(() => {
      if (this.stopped) return;
      this.deaths++;
      this.keep();
    });
  }

  stop(): void {
    this.stopped = true;
    this.current.kill('SIGKILL');
  }
}

describe('a poison run cannot crash-loop the platform', () => {
  let h: ExecutionsHarness;
  let supervisor: OneWorkerSupervisor | undefined;

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
  }, 60_000);
  afterAll(async () => {
    supervisor?.stop();
    await h?.close();
  }, 30_000);

  it('fails a run that killed its worker and then its own process with WORKER_CRASHED naming the node; the run that shared the worker completes', async () => {
    h.putFlow(alice, poisonFlow, chain(node('poison', 'delay', { ms: POISON_DELAY_MS }), node('out', 'output')));
    h.putFlow(alice, innocentFlow, chain(node('wait', 'delay', { ms: 5_000 }), node('out', 'output', { expression: '"done"' })));
    // The innocent run must be in flight when the worker dies: its delay sleeps in the worker instead of parking the run.
    supervisor = new OneWorkerSupervisor(() => new WorkerProcess(h.workerEnv({ WAIT_PARK_MIN_MS: '600000' }), { imports: [poisonPreload] }));
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= 1, 30_000, 'the worker to connect');

    const innocent = await h.start(alice, innocentFlow);
    await waitFor(async () => (await h.execution(alice, innocent.id))?.status === 'RUNNING', 30_000, 'the innocent run to start');
    const poison = await h.start(alice, poisonFlow);
    // The poison kills the worker running both; the supervisor starts another, which resumes both.
    await waitFor(() => supervisor!.deaths === 1, 30_000, 'the poison run to kill its worker');

    const failed = await h.settled(alice, poison.id, 90_000);
    expect(failed.status, supervisor.current.output).toBe('FAILED');
    expect(failed.error).toMatchObject({ code: 'WORKER_CRASHED', nodeId: 'poison' });
    expect(failed.error!.message).toContain('in node poison');
    expect(nodeRunOf(failed, 'poison')).toMatchObject({ status: 'FAILED', error: { code: 'WORKER_CRASHED' } });
    const done = await h.settled(alice, innocent.id, 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
    // The innocent run was in flight when the worker died: it was resumed (on its own) and finished.
    expect((await h.runtime.queue.getJob(runJobId(innocent.id)))?.stalledCounter).toBe(1);

    // The second death was the poison's own process: the worker that resumed it lives on.
    expect(supervisor.deaths).toBe(1);
    expect(supervisor.current.running).toBe(true);
    // Its job is done with: nothing resumes the run again.
    expect(await h.runtime.queue.getJobState(runJobId(poison.id))).toBe('completed');

    const { events } = await h.events(alice, poison.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'NODE_STARTED' && e.nodeId === 'poison')).toHaveLength(2);
    expect(events.slice(-2).map((e) => [e.type, e.nodeId])).toEqual([
      ['NODE_FAILED', 'poison'],
      ['EXECUTION_FAILED', 'poison'],
    ]);
  }, 180_000);
});
