import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResumeOutput } from './entities/resume-output.entity';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { CountingServer } from './test-support/counting-server';
import { ExecutionsHarness } from './test-support/harness';
import { waitFor, WorkerProcess } from './test-support/worker-process';

describe('executions: worker processes', () => {
  let h: ExecutionsHarness;
  let remote: CountingServer;
  const workers: WorkerProcess[] = [];
  let survivor: WorkerProcess | undefined;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    remote = await new CountingServer((path) => ({ status: 200, delayMs: path === '/slow' ? 2_500 : path === '/hang' ? 60_000 : 0 })).start();
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await h?.close();
    await remote?.close();
  }, 30_000);

  const spawnWorker = (env: Record<string, string> = {}): WorkerProcess => {
    const worker = new WorkerProcess(h.workerEnv(env));
    workers.push(worker);
    return worker;
  };

  it('resumes from committed nodes after a worker dies (kill -9): finished nodes run exactly once', async () => {
    const flowId = 'c0000000-0000-4000-8000-000000000001';
    h.putFlow(alice, flowId, chain(
      node('a', 'http.request', { url: `${remote.url}/a` }),
      node('slow', 'http.request', { url: `${remote.url}/slow` }),
      node('b', 'http.request', { url: `${remote.url}/b` }),
      node('out', 'output', { expression: '$nodes.b.body' }),
    ));
    const pair = [spawnWorker(), spawnWorker()];
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= 2, 30_000, 'two workers to connect');
    const { id } = await h.start(alice, flowId);
    await waitFor(() => remote.count('/slow') === 1, 30_000, 'a worker to reach the slow node');
    const holder = (await h.runtime.queue.getJob(`run-${id}`))!.processedBy!;
    const [victim, other] = holder.endsWith(`:${pair[0]!.pid}`) ? [pair[0]!, pair[1]!] : [pair[1]!, pair[0]!];
    expect(holder.endsWith(`:${victim.pid}`)).toBe(true);
    survivor = other;
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const done = await h.settled(alice, id, 30_000);
    expect(done, other.output).toMatchObject({ status: 'SUCCEEDED', output: { path: '/b', hit: 1 } });
    expect(remote.count('/a')).toBe(1);
    expect(remote.count('/slow')).toBe(2); // the node in flight runs again (at-least-once)
    expect(remote.count('/b')).toBe(1);
    expect(done.nodeRuns.map((r) => r.nodeId).sort()).toEqual(['a', 'b', 'out', 'slow', 'start']);
    const { events } = await h.events(alice, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'NODE_SUCCEEDED' && e.nodeId === 'a')).toHaveLength(1);
  }, 90_000);

  it('stops on SIGTERM once the run in progress has finished', async () => {
    const flowId = 'c0000000-0000-4000-8000-000000000002';
    h.putFlow(alice, flowId, chain(node('wait', 'delay', { ms: 1_000 }), node('out', 'output')));
    const worker = survivor!;
    const { id } = await h.start(alice, flowId, { ok: true });
    await waitFor(async () => (await h.execution(alice, id))?.status === 'RUNNING', 15_000, 'the run to start');
    worker.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect((await h.execution(alice, id))?.status).toBe('SUCCEEDED');
  }, 60_000);

  it('fails a run whose workers keep dying once it stalled more than WORKER_MAX_STALLED, dropping the whole outputs it kept', async () => {
    const flowId = 'c0000000-0000-4000-8000-000000000003';
    h.putFlow(alice, flowId, chain(
      node('big', 'transform', { expression: '{ "text": $pad("", 400000, "x") }' }), // kept whole: over NODE_OUTPUT_MAX_BYTES
      node('hang', 'http.request', { url: `${remote.url}/hang` }),
      node('out', 'output'),
    ));
    const oneStall = { WORKER_MAX_STALLED: '1' };
    const { id } = await h.start(alice, flowId);
    const keptWhole = () => h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id });
    // Each worker gets as far as `hang` and dies there: the second death is one stall too many.
    for (const hit of [1, 2]) {
      const doomed = spawnWorker(oneStall);
      await waitFor(() => remote.count('/hang') === hit, 30_000, `worker ${hit} to reach the hanging node`);
      expect(await keptWhole()).toBe(1);
      doomed.kill('SIGKILL');
      await doomed.exited;
    }
    const last = spawnWorker(oneStall);
    const done = await h.settled(alice, id, 30_000);
    expect(done, last.output).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run was interrupted too many times' } });
    expect(remote.count('/hang')).toBe(2);
    expect(await keptWhole()).toBe(0);
  }, 90_000);
});
