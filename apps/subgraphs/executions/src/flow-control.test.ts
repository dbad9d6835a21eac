import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { JobName, runJobId } from './queue/run-queue';
import { errorFlowKey } from './services/error-flow';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { FlowsProcess, freePort } from './test-support/flows-process';
import { forwardWebhook } from './test-support/forward-webhook';
import { ExecutionsHarness, nodeRunOf, type ExecutionView } from './test-support/harness';
import { waitFor, WorkerProcess } from './test-support/worker-process';

/**
 * A loopback server whose `/slow/<group>` answers after `delayMs`, counting the requests of each
 * group in flight at once: how many runs of a group really ran their node together.
 */
class OverlapServer {
  private readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private total = 0;
  maxTotal = 0;
  private server: Server | undefined;
  url = '';

  /** `slowGroups`: groups answered after their own delay instead of `delayMs`. */
  constructor(
    private readonly delayMs: number,
    private readonly slowGroups: Readonly<Record<string, number>> = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const group = new URL(req.url ?? '/', 'http://x').pathname.split('/')[2] ?? '';
      const now = (this.inFlight.get(group) ?? 0) + 1;
      this.inFlight.set(group, now);
      this.maxInFlight.set(group, Math.max(now, this.maxInFlight.get(group) ?? 0));
      this.maxTotal = Math.max(this.maxTotal, ++this.total);
      setTimeout(() => {
        this.inFlight.set(group, (this.inFlight.get(group) ?? 1) - 1);
        this.total--;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ group }));
      }, this.slowGroups[group] ?? this.delayMs);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

type Interval = { id: string; start: number; end: number };

/** The `call` node's [start, end] of each run, from its node-run timestamps. */
function callIntervals(runs: readonly ExecutionView[]): Interval[] {
  return runs.map((run) => {
    const call = nodeRunOf(run, 'call');
    return { id: run.id, start: Date.parse(call.startedAt!), end: Date.parse(call.finishedAt!) };
  });
}

/** Pairs of runs whose `call` nodes ran at the same time. */
function overlaps(intervals: readonly Interval[]): Array<[string, string]> {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const found: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) found.push([sorted[i]!.id, sorted[j]!.id]);
  }
  return found;
}

/** Flow control and error flows against the real flows subgraph, with real worker processes. */
describe('executions: flow control and error flows', () => {
  const flows = new FlowsProcess();
  const flowsDb = throwawayDatabase('flowctl');
  const workers: WorkerProcess[] = [];
  let h: ExecutionsHarness;
  let remote: OverlapServer;
  const alice = editorOf();

  beforeAll(async () => {
    // Flows registers an active flow's triggers with this harness, and the harness reads flows.
    const prefix = throwawayRedisPrefix('flowctl');
    const flowsPort = await freePort();
    h = await ExecutionsHarness.start({ FLOWS_URL: `http://127.0.0.1:${flowsPort}/graphql` }, { REDIS_PREFIX: prefix });
    await flows.start(
      { DATABASE_URL: flowsDb.url, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-flowctl-')), EXECUTIONS_URL: h.url },
      flowsPort,
    );
    remote = await new OverlapServer(250, { sleeper: 2_000, 'retry-solo': 1_500 }).start();
  }, 90_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await h?.close();
    await flows.stop();
    await flowsDb.drop();
    await remote?.close();
  }, 30_000);

  const spawnWorkers = async (count: number, env: Record<string, string> = {}): Promise<WorkerProcess[]> => {
    const spawned = Array.from({ length: count }, () => new WorkerProcess(h.workerEnv(env)));
    workers.push(...spawned);
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= count, 60_000, `${count} workers to connect`);
    return spawned;
  };
  const stopWorkers = async (): Promise<void> => {
    for (const worker of workers.splice(0)) {
      worker.kill('SIGTERM');
      await worker.exited;
    }
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) === 0, 30_000, 'the workers to leave');
  };

  const createFlow = (name: string, graph = chain(node('call', 'http.request', { url: `${remote.url}/slow/${name}` }), node('out', 'output'))) => flows.createFlow(alice, name, graph);
  const setSettings = async (id: string, input: Record<string, unknown>, caller: Caller = alice) => {
    const data = await flows.request<{ updateFlowSettings: { settings: unknown } }>(
      `mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { settings { concurrencyLimit } } }`,
      { id, input },
      caller,
    );
    return data.updateFlowSettings;
  };
  const queuedReason = async (id: string) =>
    (await h.request<{ execution: { status: string; queuedReason: string | null } }>(`query ($id: ID!) { execution(id: $id) { status queuedReason } }`, { id }, alice)).data?.execution;
  const runsOf = async (flowId: string) =>
    (await h.runtime.orm.em.fork().getConnection().execute(`select id, status, input, error_of_execution_id from executions where flow_id = ? order by created_at`, [flowId])) as Array<{
      id: string;
      status: string;
      input: unknown;
      error_of_execution_id: string | null;
    }>;

  describe('with two worker processes of 4 slots each', () => {
    beforeAll(() => spawnWorkers(2, { WORKER_CONCURRENCY: '4' }), 60_000);
    afterAll(stopWorkers, 60_000);

    it('never runs two runs of a flow limited to 1 at once, across workers; waiting runs say why', async () => {
      const flowId = await createFlow('solo');
      await setSettings(flowId, { concurrencyLimit: 1 });
      const started: Array<{ id: string }> = [];
      for (let i = 0; i < 10; i++) started.push(await h.start(alice, flowId, { i }));
      // While one runs, the others wait in the queue for its slot and say so.
      await waitFor(async () => (await queuedReason(started.at(-1)!.id))?.queuedReason === 'waiting for a slot: the flow runs 1 at a time', 20_000, 'a queued run to name its wait');
      const done: ExecutionView[] = [];
      for (const { id } of started) done.push(await h.settled(alice, id, 60_000));
      expect(done.map((run) => run.status)).toEqual(Array(10).fill('SUCCEEDED'));
      expect(overlaps(callIntervals(done))).toEqual([]);
      expect(remote.maxInFlight.get('solo')).toBe(1);
      expect(await queuedReason(started.at(-1)!.id)).toEqual({ status: 'SUCCEEDED', queuedReason: null });
    }, 120_000);

    it('runs one run per concurrency key at a time, different keys in parallel', async () => {
      const flowId = await createFlow('keyed', chain(node('call', 'http.request', { url: `${remote.url}/slow/{{ $input.customerId }}` }), node('out', 'output')));
      await setSettings(flowId, { concurrencyKey: '{{ $input.customerId }}', concurrencyKeyLimit: 1 });
      const customers = ['cust-a', 'cust-b', 'cust-c'];
      const started: Array<{ id: string; customer: string }> = [];
      for (let round = 0; round < 3; round++) {
        for (const customerId of customers) started.push({ ...(await h.start(alice, flowId, { customerId })), customer: customerId });
      }
      const reasons = new Set<string>();
      const done = new Map<string, ExecutionView>();
      await waitFor(
        async () => {
          for (const { id } of started) {
            if (done.has(id)) continue;
            const seen = await queuedReason(id);
            if (seen?.queuedReason) reasons.add(seen.queuedReason);
            if (seen && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(seen.status)) done.set(id, (await h.execution(alice, id))!);
          }
          return done.size === started.length;
        },
        60_000,
        'every keyed run to finish',
      );
      expect([...done.values()].every((run) => run.status === 'SUCCEEDED')).toBe(true);
      for (const customer of customers) {
        const runs = started.filter((run) => run.customer === customer).map((run) => done.get(run.id)!);
        expect(overlaps(callIntervals(runs)), customer).toEqual([]);
        expect(remote.maxInFlight.get(customer), customer).toBe(1);
      }
      // Different customers did run at the same time.
      expect(overlaps(callIntervals([...done.values()])).length).toBeGreaterThan(0);
      expect([...reasons].every((reason) => /^waiting for a slot: key cust-[abc]$/.test(reason)), [...reasons].join()).toBe(true);
    }, 120_000);

    it('holds no slot for a run parked WAITING on a timer, and takes one again when it resumes', async () => {
      const flowId = await createFlow('sleeper', chain(node('nap', 'delay', { ms: 3_000 }), node('call', 'http.request', { url: `${remote.url}/slow/sleeper` }), node('out', 'output')));
      await setSettings(flowId, { concurrencyLimit: 1 });
      const first = await h.start(alice, flowId, { n: 1 });
      const second = await h.start(alice, flowId, { n: 2 });
      // The first run gave its slot back when it parked: the second starts and parks too while the first waits.
      await waitFor(async () => (await queuedReason(first.id))?.status === 'WAITING' && (await queuedReason(second.id))?.status === 'WAITING', 20_000, 'both runs to wait at once');
      // Their timers end together: while one resumed run holds the slot, the other, still WAITING, says why it has not resumed.
      const slot = { status: 'WAITING', queuedReason: 'waiting for a slot: the flow runs 1 at a time' };
      const seen: unknown[] = [];
      await waitFor(
        async () => {
          const both = [await queuedReason(first.id), await queuedReason(second.id)];
          seen.push(...both);
          return both.some((run) => run?.status === 'WAITING' && run.queuedReason === slot.queuedReason) || both.every((run) => run?.status === 'SUCCEEDED');
        },
        30_000,
        'a resuming run to wait for the slot',
      );
      expect(seen).toContainEqual(slot);
      const done = [await h.settled(alice, first.id, 60_000), await h.settled(alice, second.id, 60_000)];
      expect(done.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      // Resumed (well within the 2 s call of each other), each took the flow's one slot again: their calls never overlapped.
      expect(overlaps(callIntervals(done))).toEqual([]);
      expect(remote.maxInFlight.get('sleeper')).toBe(1);
    }, 90_000);

    it('applies settings changed after activation to the runs its webhook starts', async () => {
      const path = `flowctl/${Date.now()}`;
      const graph = {
        nodes: [node('hook', 'trigger.webhook', { path, respond: 'immediately' }), node('call', 'http.request', { url: `${remote.url}/slow/hook-{{ $input.body.customerId }}` }), node('out', 'output')],
        edges: [{ id: 'e1', source: 'hook', target: 'call' }, { id: 'e2', source: 'call', target: 'out' }],
      };
      const flowId = await createFlow('hooked', graph);
      expect(await flows.setActive(alice, flowId, true)).toEqual({ active: true });
      // Changed while active: the registration is synced again before the mutation returns.
      await setSettings(flowId, { concurrencyKey: '{{ $input.body.customerId }}' });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const answer = await forwardWebhook(h.url, path, { body: { customerId: 'c-9', i } });
        expect(answer.status).toBe(202);
        ids.push(((await answer.json()) as { executionId: string }).executionId);
      }
      const done: ExecutionView[] = [];
      for (const id of ids) done.push(await h.settled(alice, id, 60_000));
      expect(done.map((run) => run.status)).toEqual(Array(4).fill('SUCCEEDED'));
      expect(overlaps(callIntervals(done))).toEqual([]);
      expect(remote.maxInFlight.get('hook-c-9')).toBe(1);
    }, 90_000);

    it('makes a retry wait for its flow\'s one slot like any run', async () => {
      const flowId = await createFlow('retry-solo');
      await setSettings(flowId, { concurrencyLimit: 1 });
      const original = await h.start(alice, flowId);
      expect(await h.settled(alice, original.id, 30_000)).toMatchObject({ status: 'SUCCEEDED' });
      const busy = await h.start(alice, flowId);
      await waitFor(async () => (await queuedReason(busy.id))?.status === 'RUNNING', 20_000, 'the flow\'s slot to be taken');
      const retried = await h.request<{ retryExecution: { id: string } }>(`mutation ($id: ID!) { retryExecution(id: $id) { id } }`, { id: original.id }, alice);
      const retry = retried.data!.retryExecution;
      await waitFor(async () => (await queuedReason(retry.id))?.queuedReason === 'waiting for a slot: the flow runs 1 at a time', 20_000, 'the retry to wait for the slot');
      const done = [await h.settled(alice, busy.id, 60_000), await h.settled(alice, retry.id, 60_000)];
      expect(done.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      expect(overlaps(callIntervals(done))).toEqual([]);
      expect(remote.maxInFlight.get('retry-solo')).toBe(1);
    }, 90_000);

    it('starts the error flow of a failed retry, and none for a failed test run', async () => {
      const graph = chain(node('boom', 'code', { code: 'throw new Error("card declined")' }), node('out', 'output'));
      const failing = await createFlow('failing-again', graph);
      const handler = await createFlow('handler-again', chain(node('out', 'output')));
      await setSettings(failing, { errorFlowId: handler });
      const original = await h.start(alice, failing);
      expect(await h.settled(alice, original.id, 30_000)).toMatchObject({ status: 'FAILED' });
      await waitFor(async () => (await runsOf(handler)).length === 1, 20_000, 'the error flow of the run to start');

      const tested = await h.request<{ testNode: { id: string; test: boolean } }>(
        `mutation ($flowId: ID!, $graph: JSON!, $nodeId: String!) { testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId) { id test } }`,
        { flowId: failing, graph, nodeId: 'out' },
        alice,
      );
      const test = tested.data!.testNode;
      expect(test.test).toBe(true);
      expect(await h.settled(alice, test.id, 30_000)).toMatchObject({ status: 'FAILED' });

      const retried = await h.request<{ retryExecution: { id: string; errorFlowId: string | null } }>(`mutation ($id: ID!) { retryExecution(id: $id) { id errorFlowId } }`, { id: original.id }, alice);
      const retry = retried.data!.retryExecution;
      expect(retry.errorFlowId).toBe(handler);
      expect(await h.settled(alice, retry.id, 30_000)).toMatchObject({ status: 'FAILED' });
      await waitFor(async () => (await runsOf(handler)).length === 2, 20_000, 'the error flow of the retry to start');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The run's and the retry's failures each started one; the test run's started none.
      expect((await runsOf(handler)).map((run) => run.error_of_execution_id).sort()).toEqual([original.id, retry.id].sort());
    }, 90_000);

    it('refuses a start whose concurrency key fails on its input', async () => {
      const flowId = await createFlow('badkey');
      await setSettings(flowId, { concurrencyKey: '{{ $number($input.n) }}' });
      const result = await h.request(`mutation ($id: ID!, $input: JSON) { startExecution(flowId: $id, input: $input) { id } }`, { id: flowId, input: { n: 'abc' } }, alice);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'concurrencyKey' });
      expect(result.errors?.[0]?.message).toMatch(/concurrency key/);
      expect(await runsOf(flowId)).toEqual([]);
    });

    it('starts the error flow of a failed run once, with the failure, even when the job is delivered again', async () => {
      const failing = await createFlow('failing', chain(node('boom', 'code', { code: 'throw new Error("card declined")' }), node('out', 'output')));
      const handler = await createFlow('handler', chain(node('fail-too', 'code', { code: 'throw new Error("handler broke")' })));
      await setSettings(failing, { errorFlowId: handler });
      // A loop: the handler names the failing flow as its own error flow. Its failure starts nothing.
      await setSettings(handler, { errorFlowId: failing });
      const { id } = await h.start(alice, failing);
      expect(await h.settled(alice, id, 30_000)).toMatchObject({ status: 'FAILED', error: { nodeId: 'boom' } });
      await waitFor(async () => (await runsOf(handler)).length === 1, 20_000, 'the error flow to start');
      const [handled] = await runsOf(handler);
      expect(handled!.error_of_execution_id).toBe(id);
      const input = typeof handled!.input === 'string' ? JSON.parse(handled!.input) : handled!.input;
      expect(input).toEqual({
        execution: { id, flowId: failing, flowName: 'failing' },
        node: { id: 'boom', type: 'code' },
        error: { code: 'CODE_ERROR', message: expect.stringContaining('card declined') },
      });
      expect(await h.settled(alice, handled!.id, 30_000)).toMatchObject({ status: 'FAILED' });

      // The failed run's job delivered again (a retry after a crash past settling): still one error run.
      await h.runtime.queue.add(JobName.run, { executionId: id }, { jobId: `${runJobId(id)}-again` });
      await waitFor(async () => (await h.runtime.queue.getJobState(`${runJobId(id)}-again`)) === 'completed', 20_000, 'the redelivered job to finish');
      expect((await runsOf(handler)).map((run) => run.id)).toEqual([handled!.id]);
      const keyed = await h.runtime.orm.em.fork().getConnection().execute(`select id from executions where idempotency_key = ?`, [errorFlowKey(id)]);
      expect(keyed).toEqual([{ id: handled!.id }]);
      // The handler's own failure started no run of the failing flow.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await runsOf(failing)).map((run) => run.id)).toEqual([id]);
    }, 90_000);
  });

  describe('with one worker process of 1 slot', () => {
    beforeAll(() => spawnWorkers(1, { WORKER_CONCURRENCY: '1' }), 60_000);
    afterAll(stopWorkers, 60_000);

    it('starts a higher-priority run queued behind lower ones first', async () => {
      const blocker = await createFlow('blocker');
      const low = await createFlow('low');
      const high = await createFlow('high');
      await setSettings(low, { priority: -10 });
      await setSettings(high, { priority: 50 });
      const busy = await h.start(alice, blocker);
      await waitFor(async () => (await h.execution(alice, busy.id))?.status === 'RUNNING', 20_000, 'the worker to be busy');
      const lows: Array<{ id: string }> = [];
      for (let i = 0; i < 3; i++) lows.push(await h.start(alice, low, { i }));
      const urgent = await h.start(alice, high);
      const all = [busy, ...lows, urgent];
      const done: ExecutionView[] = [];
      for (const { id } of all) done.push(await h.settled(alice, id, 60_000));
      const startOf = (run: ExecutionView) => Date.parse(run.startedAt!);
      const [blocked, ...rest] = done;
      const urgentRun = rest.at(-1)!;
      expect(startOf(urgentRun)).toBeGreaterThan(startOf(blocked!));
      for (const lowRun of rest.slice(0, -1)) expect(startOf(urgentRun)).toBeLessThan(startOf(lowRun));
      // The low ones kept their order among themselves.
      const lowStarts = rest.slice(0, -1).map(startOf);
      expect(lowStarts).toEqual([...lowStarts].sort((a, b) => a - b));
    }, 90_000);
  });
});
