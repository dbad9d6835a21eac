import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRun } from './entities/node-run.entity';
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
    remote = await new CountingServer((path) => ({ status: 200, delayMs: path === '/slow' ? 2_500 : path === '/slower' ? 10_000 : path === '/hang' ? 60_000 : 0 })).start();
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
      // A node with effects: its commit takes the pure `big` (kept whole) with it.
      node('call', 'http.request', { url: `${remote.url}/call` }),
      node('hang', 'http.request', { url: `${remote.url}/hang` }),
      node('out', 'output'),
    ));
    const oneStall = { WORKER_MAX_STALLED: '1' };
    const { id } = await h.start(alice, flowId);
    const keptWhole = () => h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id });
    // Each worker gets as far as `hang` and dies there: the second death is one stall too many.
    for (const hit of [1, 2]) {
      const doomed = spawnWorker(oneStall);
      await waitFor(() => remote.count('/hang') === hit, 60_000, `worker ${hit} to reach the hanging node`);
      expect(await keptWhole()).toBe(1);
      doomed.kill('SIGKILL');
      await doomed.exited;
    }
    const last = spawnWorker(oneStall);
    const done = await h.settled(alice, id, 30_000);
    expect(done, last.output).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run was interrupted too many times' } });
    expect(remote.count('/hang')).toBe(2);
    expect(await keptWhole()).toBe(0);
  }, 180_000);

  it('commits pure nodes with the next node with effects: after a kill -9 every node run is there, a committed call is not made again, uncommitted pure nodes run again', async () => {
    const flowId = 'c0000000-0000-4000-8000-000000000004';
    h.putFlow(alice, flowId, chain(
      node('before', 'transform', { expression: '{ "n": 1 }' }),
      node('call', 'http.request', { url: `${remote.url}/once` }),
      node('after', 'transform', { expression: '{ "n": $nodes.before.n + 1 }' }),
      node('slow', 'http.request', { url: `${remote.url}/slower` }),
      node('last', 'transform', { expression: '{ "n": $nodes.after.n + 1, "hit": $nodes.call.body.hit }' }),
      node('out', 'output', { expression: '$nodes.last' }),
    ));
    for (const worker of workers) if (worker.running) worker.kill('SIGKILL');
    const pair = [spawnWorker(), spawnWorker()];
    const connected = async () => (await h.runtime.queue.getWorkers()).filter((w) => pair.some((p) => String(w.rawname ?? '').endsWith(`:${p.pid}`))).length;
    await waitFor(async () => (await connected()) === 2, 60_000, 'two workers to connect');
    const { id } = await h.start(alice, flowId);
    await waitFor(() => remote.count('/slower') === 1, 60_000, 'a worker to reach the slow node');
    const holder = (await h.runtime.queue.getJob(`run-${id}`))!.processedBy!;
    const victim = pair.find((worker) => holder.endsWith(`:${worker.pid}`));
    if (!victim) throw new Error(`the run is held by ${holder}, not by one of this test's workers`);
    const other = pair.find((worker) => worker !== victim)!;
    // While `slow` runs, `call` is committed with the pure nodes settled before it; `after` is not.
    const committed = await h.runtime.orm.em.fork().find(NodeRun, { executionId: id });
    expect(committed.map((run) => run.nodeId).sort()).toEqual(['before', 'call', 'start']);
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    // The other worker takes the stalled job and resumes the run in a process of its own (a suspect run).
    const done = await h.settled(alice, id, 90_000);
    expect(done, other.output).toMatchObject({ status: 'SUCCEEDED', output: { n: 3, hit: 1 } });
    expect(remote.count('/once')).toBe(1); // committed before the kill: not called again
    expect(remote.count('/slower')).toBe(2); // in flight at the kill: runs again
    expect(done.nodeRuns.map((r) => r.nodeId).sort()).toEqual(['after', 'before', 'call', 'last', 'out', 'slow', 'start']);
    expect(done.nodeRuns.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    const { events } = await h.events(alice, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const succeeded = (nodeId: string) => events.filter((e) => e.type === 'NODE_SUCCEEDED' && e.nodeId === nodeId).length;
    // Every node has its event; the pure node settled after the last commit ran again, harmlessly.
    expect([succeeded('start'), succeeded('before'), succeeded('call'), succeeded('after'), succeeded('slow'), succeeded('last'), succeeded('out')]).toEqual([1, 1, 1, 2, 1, 1, 1]);
  }, 240_000);
});
