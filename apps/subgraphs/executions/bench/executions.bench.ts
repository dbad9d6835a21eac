/**
 * Executions throughput, loopback only, bounded loops.
 *  (a) raw BullMQ: empty jobs, add -> completed (the floor any queue-backed run pays)
 *  (b) startExecution for a 4-node flow (trigger, transform, condition, output) from 50 concurrent
 *      clients over signed HTTP, each waiting for its run to finish: runs/s and start -> SUCCEEDED p50/p99
 *  (c) webhook-triggered `respond: end` runs from 50 concurrent clients (internal route, signed)
 *  (d) hand-over: kill -9 the worker holding a run mid-node; time until another worker restarts that node
 * Workers: one worker process (WORKER_CONCURRENCY) for (b) and (c); the same concurrency in-process for (a).
 * CPU per run (user + system of the worker process, and of this process: subgraph, flows stand-in,
 * clients) is reported too: unlike runs/s it barely depends on how busy the machine is.
 * BENCH_WORKER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker.
 */
import { readFileSync } from 'node:fs';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { routeOf, signCaller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { bullPrefix } from '../src/queue/run-queue';
import { redisConnection } from '../src/runtime';
import { editorOf, fourNodeFlow, node, edge } from '../src/test-support/flow-fixtures';
import { ExecutionsHarness } from '../src/test-support/harness';
import { waitFor, WorkerProcess } from '../src/test-support/worker-process';

const CLIENTS = 50;
const RAW_JOBS = Number(process.env.BENCH_RAW_JOBS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1_000);
const WEBHOOK_RUNS = Number(process.env.BENCH_WEBHOOK_RUNS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 32);

/** CPU ms (user + system) a process has used so far: machine-load-independent cost per run. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
}
const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

async function rawBullmq(redisUrl: string, prefix: string): Promise<number> {
  const connection = redisConnection(redisUrl);
  const queue = new Queue('raw-bench', { connection, prefix: bullPrefix(prefix) });
  let completed = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const worker = new Worker('raw-bench', async () => undefined, { connection: redisConnection(redisUrl), prefix: bullPrefix(prefix), concurrency: CONCURRENCY });
  worker.on('completed', () => {
    if (++completed === RAW_JOBS) resolveDone();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  // 50 producers adding one job at a time, like 50 API clients.
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < RAW_JOBS) {
        next++;
        await queue.add('empty', {}, { removeOnComplete: true });
      }
    }),
  );
  await done;
  const perSecond = RAW_JOBS / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return perSecond;
}

/** Resolves when the run job of an execution completes (QueueEvents: one connection for all clients). */
function completions(events: QueueEvents) {
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  events.on('completed', ({ jobId }) => {
    const resolve = waiting.get(jobId);
    if (resolve) resolve();
    else early.add(jobId);
  });
  return (jobId: string) =>
    early.delete(jobId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(jobId, resolve));
}

async function clients(total: number, run: (i: number) => Promise<number>): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) latencies.push(await run(next++));
    }),
  );
  return { perSecond: total / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

/** (d): two more worker processes; the one holding the run dies; the other resumes it. */
async function handOver(h: ExecutionsHarness, caller: ReturnType<typeof editorOf>): Promise<void> {
  const samples: number[] = [];
  const pair = [new WorkerProcess(h.workerEnv()), new WorkerProcess(h.workerEnv())];
  try {
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= 3, 30_000, 'two more workers');
    const flowId = 'f0000000-0000-4000-8000-000000000003';
    h.putFlow(caller, flowId, { nodes: [node('start', 'trigger.manual'), node('wait', 'delay', { ms: 30_000 })], edges: [edge('start', 'wait')] });
    for (let round = 0; round < 3; round++) {
      const { id } = await h.start(caller, flowId);
      await waitFor(async () => (await h.runtime.events.read(id, 0)).some((e) => e.type === 'NODE_STARTED' && e.nodeId === 'wait'), 30_000, 'the run to start');
      const holder = (await h.runtime.queue.getJob(`run-${id}`))?.processedBy ?? '';
      const victim = [...pair].find((w) => holder.endsWith(`:${w.pid}`) && !w.dead);
      if (!victim) continue; // taken by the (b)/(c) worker: nothing to kill in this round
      const killedAt = performance.now();
      victim.kill('SIGKILL');
      await victim.exited;
      victim.dead = true;
      await waitFor(async () => (await h.runtime.events.read(id, 0)).filter((e) => e.type === 'NODE_STARTED' && e.nodeId === 'wait').length >= 2, 60_000, 'the hand-over');
      samples.push(performance.now() - killedAt);
      await h.cancel(caller, id);
    }
  } finally {
    for (const worker of pair) if (!worker.dead) worker.kill('SIGKILL');
  }
  const s = h.settings;
  console.log(
    `(d) dead worker hand-over: ${samples.map((ms) => `${round(ms)} ms`).join(', ') || 'no sample (run taken by another worker)'} ` +
      `(WORKER_LOCK_MS ${s.WORKER_LOCK_MS}, WORKER_STALLED_INTERVAL_MS ${s.WORKER_STALLED_INTERVAL_MS})`,
  );
}

async function main(): Promise<void> {
  // The shipped lock tuning (tests use shorter locks), so (d) measures what production gets.
  const h = await ExecutionsHarness.start({ WORKER_LOCK_MS: '5000', WORKER_STALLED_INTERVAL_MS: '2000' });
  const worker = new WorkerProcess(h.workerEnv({ WORKER_CONCURRENCY: String(CONCURRENCY), ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}) }));
  try {
    const raw = await rawBullmq(h.config.REDIS_URL, `${h.config.REDIS_PREFIX}:raw`);
    console.log(`(a) raw BullMQ empty jobs: ${round(raw)} jobs/s (${RAW_JOBS} jobs, concurrency ${CONCURRENCY}, ${CLIENTS} producers)`);

    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= 1, 30_000, 'the worker process');
    const alice = editorOf();
    const flowId = 'f0000000-0000-4000-8000-000000000001';
    h.putFlow(alice, flowId, fourNodeFlow());
    const events = new QueueEvents('executions', { connection: redisConnection(h.config.REDIS_URL), prefix: bullPrefix(h.config.REDIS_PREFIX) });
    await events.waitUntilReady();
    const completed = completions(events);
    for (let i = 0; i < 50; i++) await h.start(alice, flowId, { n: 1 }); // warm up
    const cpuBefore = { worker: processCpuMs(worker.pid), own: ownCpuMs() };
    const runs = await clients(RUNS, async (i) => {
      const t0 = performance.now();
      const { id } = await h.start(alice, flowId, { n: i });
      await completed(`run-${id}`);
      return performance.now() - t0;
    });
    console.log(
      `(b) startExecution 4-node flow: ${round(runs.perSecond)} runs/s; start -> SUCCEEDED p50 ${round(percentile(runs.latencies, 50))} ms, p99 ${round(percentile(runs.latencies, 99))} ms (${RUNS} runs, ${CLIENTS} clients)`,
    );
    console.log(`    (b)/(a) = ${round((runs.perSecond / raw) * 100)} %`);
    const workerCpu = (processCpuMs(worker.pid) - cpuBefore.worker) / RUNS;
    const ownCpu = (ownCpuMs() - cpuBefore.own) / RUNS;
    console.log(`    CPU per run: worker ${round(workerCpu)} ms, subgraph + flows stand-in + clients ${round(ownCpu)} ms`);

    const hookFlow = 'f0000000-0000-4000-8000-000000000002';
    h.putFlow(alice, hookFlow, {
      nodes: [node('hook', 'trigger.webhook', { path: 'bench', respond: 'end' }), node('double', 'transform', { expression: '{ "n": $input.body.n * 2 }' }), node('out', 'output')],
      edges: [edge('hook', 'double'), edge('double', 'out')],
    });
    await h.request(`mutation ($id: ID!) { syncFlowTriggers(flowId: $id) { webhooks } }`, { id: hookFlow }, alice);
    const hookUrl = `${h.url.replace(/\/graphql$/, '')}/internal/webhooks/bench`;
    const hooks = await clients(WEBHOOK_RUNS, async (i) => {
      const t0 = performance.now();
      const response = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', hookUrl), null) },
        body: JSON.stringify({ body: { n: i }, headers: {}, query: {} }),
      });
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - t0;
    });
    console.log(
      `(c) webhook respond:end runs: ${round(hooks.perSecond)} runs/s; p50 ${round(percentile(hooks.latencies, 50))} ms, p99 ${round(percentile(hooks.latencies, 99))} ms (${WEBHOOK_RUNS} runs, ${CLIENTS} clients)`,
    );
    await events.close();
    await handOver(h, alice);
  } finally {
    worker.kill('SIGTERM');
    await worker.exited;
    await h.close();
  }
}

await main();
process.exit(0);
