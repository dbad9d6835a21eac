import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, editorOf, fourNodeFlow, node } from './test-support/flow-fixtures';
import { CountingServer } from './test-support/counting-server';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';
import { Execution } from './entities/execution.entity';
import { waitFor } from './test-support/worker-process';
import { signCaller, socketRoute } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';

const flowId = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('executions: events, retries and cancellation', () => {
  let h: ExecutionsHarness;
  let remote: CountingServer;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    remote = await new CountingServer((path, hit) => {
      if (path === '/flaky') return { status: hit <= 2 ? 503 : 200 };
      if (path === '/down') return { status: 500 };
      return { status: 200 };
    }).start();
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await remote?.close();
  }, 30_000);

  it('gives a late subscriber the full ordered event sequence, then completes', async () => {
    h.putFlow(alice, flowId(1), fourNodeFlow());
    const { id } = await h.start(alice, flowId(1), { n: 9 });
    await h.settled(alice, id);
    const { events, errors } = await h.events(alice, id);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.type).toBe('EXECUTION_STARTED');
    expect(events.at(-1)).toMatchObject({ type: 'EXECUTION_SUCCEEDED', execution: { id, status: 'SUCCEEDED' } });
    const nodeEvents = events.filter((e) => e.type === 'NODE_SUCCEEDED').map((e) => e.nodeId);
    expect(nodeEvents).toEqual(['start', 'double', 'big', 'out']);
    const replay = await h.events(alice, id, 3);
    expect(replay.events.map((e) => e.seq)).toEqual(events.slice(3).map((e) => e.seq));
    const caughtUp = await h.events(alice, id, events.length);
    expect(caughtUp).toEqual({ events: [], errors: [] }); // completes at once
  });

  it('streams live events without gaps or duplicates to a subscriber who joins before the run', async () => {
    h.putFlow(alice, flowId(2), chain(node('wait', 'delay', { ms: 200 }), node('out', 'output')));
    const { id } = await h.start(alice, flowId(2), { x: 1 });
    const { events } = await h.events(alice, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'EXECUTION_STARTED',
      'NODE_STARTED',
      'NODE_SUCCEEDED',
      'NODE_STARTED',
      'NODE_SUCCEEDED',
      'NODE_STARTED',
      'NODE_SUCCEEDED',
      'EXECUTION_SUCCEEDED',
    ]);
  });

  it('serves many callers over one connection, checking each operation by its own signed headers', async () => {
    h.putFlow(alice, flowId(10), chain(node('wait', 'delay', { ms: 300 }), node('out', 'output')));
    const runs = await Promise.all(Array.from({ length: 5 }, () => h.start(alice, flowId(10))));
    const mallory = editorOf();
    // One connection signed as the gateway, like the gateway's multiplexed upstream socket.
    const socket = h.wsClient(null);
    const follow = (executionId: string, headers: Record<string, string>) =>
      new Promise<{ seqs: number[]; error?: unknown }>((resolve) => {
        const seqs: number[] = [];
        socket.subscribe<{ executionEvents: { seq: number } }>(
          { query: 'subscription ($id: ID!) { executionEvents(executionId: $id) { seq } }', variables: { id: executionId }, extensions: { headers } },
          {
            // A refused subscription is one result with errors (then complete), as over HTTP.
            next: (m) => (m.errors ? resolve({ seqs, error: m.errors }) : m.data && seqs.push(m.data.executionEvents.seq)),
            error: (error) => resolve({ seqs, error }),
            complete: () => resolve({ seqs }),
          },
        );
      });
    const route = socketRoute(h.url);
    const forged = follow(runs[0]!.id, signCaller('not-the-gateway-key-not-the-gateway-key', route, alice));
    const intruder = follow(runs[0]!.id, signCaller(TEST_SIGNING_KEY, route, mallory));
    const followers = runs.flatMap((run) => [follow(run.id, signCaller(TEST_SIGNING_KEY, route, alice)), follow(run.id, signCaller(TEST_SIGNING_KEY, route, alice))]);
    expect(JSON.stringify((await forged).error)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify((await intruder).error)).toContain('NOT_FOUND');
    for (const { seqs, error } of await Promise.all(followers)) {
      expect(error).toBeUndefined();
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('follows a run it just started by the workspace it remembered, refusing other workspaces, until its records are deleted', async () => {
    h.putFlow(alice, flowId(11), fourNodeFlow());
    const { id } = await h.start(alice, flowId(11), { n: 9 });
    expect(h.runtime.events.owners.workspaceOf(id)).toBe(alice.workspaceId);
    const intruder = await h.events(editorOf(), id);
    expect(intruder.events).toEqual([]);
    expect(JSON.stringify(intruder.errors)).toContain('NOT_FOUND');
    const { events, errors } = await h.events(alice, id);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: 'EXECUTION_SUCCEEDED', execution: { id, status: 'SUCCEEDED' } });
    await h.settled(alice, id);
    const deleted = await h.request<{ deleteExecution: string }>('mutation ($id: ID!) { deleteExecution(id: $id) }', { id }, alice);
    expect(deleted.data?.deleteExecution).toBe(id);
    expect(h.runtime.events.owners.workspaceOf(id)).toBeUndefined();
    expect(JSON.stringify((await h.events(alice, id)).errors)).toContain('NOT_FOUND');
  });

  it('records each failed attempt of a node that succeeds on retry', async () => {
    h.putFlow(alice, flowId(3), chain(node('call', 'http.request', { url: `${remote.url}/flaky`, retry: { maxAttempts: 3, delayMs: 10 } })));
    const { id } = await h.start(alice, flowId(3));
    const done = await h.settled(alice, id);
    expect(done.status).toBe('SUCCEEDED');
    const call = nodeRunOf(done, 'call');
    expect(call).toMatchObject({ status: 'SUCCEEDED', attempts: 3 });
    expect(call.attemptErrors.map((e) => [e.attempt, e.code])).toEqual([
      [1, 'HTTP_STATUS'],
      [2, 'HTTP_STATUS'],
    ]);
    const { events } = await h.events(alice, id);
    expect(events.filter((e) => e.type === 'NODE_RETRYING')).toHaveLength(2);
  });

  it('fails the run with the node id when retries run out, keeping every attempt', async () => {
    h.putFlow(alice, flowId(4), chain(node('call', 'http.request', { url: `${remote.url}/down`, retry: { maxAttempts: 2, delayMs: 10 } }), node('after', 'output')));
    const { id } = await h.start(alice, flowId(4));
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'HTTP_STATUS', nodeId: 'call' } });
    const call = nodeRunOf(done, 'call');
    expect(call).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(call.attemptErrors).toHaveLength(2);
    expect(remote.count('/down')).toBe(2);
    const { events } = await h.events(alice, id);
    expect(events.at(-1)!.type).toBe('EXECUTION_FAILED');
  });

  it('cancels a running run: aborts the node in flight and settles CANCELLED before the mutation answers', async () => {
    h.putFlow(alice, flowId(5), chain(node('wait', 'delay', { ms: 60_000 }), node('out', 'output')));
    const { id } = await h.start(alice, flowId(5));
    const deadline = Date.now() + 10_000;
    // Its 60 s delay parks it (WAITING) right after it starts: either way a worker has taken it.
    while (!['RUNNING', 'WAITING'].includes((await h.execution(alice, id))?.status ?? '') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.cancel(alice, id)).toEqual({ status: 'CANCELLED' });
    const { events } = await h.events(alice, id);
    expect(events.at(-1)!.type).toBe('EXECUTION_CANCELLED');
    const done = await h.settled(alice, id);
    expect(done.nodeRuns.map((r) => r.nodeId)).not.toContain('out');
  });

  it('cancels a queued run by removing its job', async () => {
    await h.runtime.queue.pause();
    try {
      h.putFlow(alice, flowId(6), fourNodeFlow());
      const { id } = await h.start(alice, flowId(6), { n: 1 });
      expect(await h.cancel(alice, id)).toEqual({ status: 'CANCELLED' });
      expect(await h.runtime.queue.getJob(`run-${id}`)).toBeUndefined();
      const { events } = await h.events(alice, id);
      expect(events.map((e) => e.type)).toEqual(['EXECUTION_CANCELLED']);
    } finally {
      await h.runtime.queue.resume();
    }
  });

  it('stores an oversized node output truncated, with the flag', async () => {
    const big = `{ "text": $pad("", 400000, "x") }`;
    h.putFlow(alice, flowId(7), chain(node('big', 'transform', { expression: big })));
    const { id } = await h.start(alice, flowId(7));
    const done = await h.settled(alice, id);
    const run = nodeRunOf(done, 'big');
    expect(run.outputTruncated).toBe(true);
    expect(run.output).toMatchObject({ $truncated: true });
    expect(JSON.stringify(run.output).length).toBeLessThan(5_000);
  });

  it('keeps LOG events with the execution and in the stream', async () => {
    h.putFlow(alice, flowId(8), chain(node('js', 'code', { code: 'console.log("hello from", input.who); return 1;' })));
    const { id } = await h.start(alice, flowId(8), { who: 'code' });
    const done = await h.settled(alice, id);
    expect(done.status).toBe('SUCCEEDED');
    const { events } = await h.events(alice, id);
    const log = events.find((e) => e.type === 'LOG');
    expect(log).toMatchObject({ nodeId: 'js', data: { level: 'info' } });
    expect(done.logs).toEqual([{ seq: log!.seq, message: expect.stringContaining('hello from') }]);
  });

  it('appends a missing terminal event when a resumed job finds its run already settled', async () => {
    await h.runtime.queue.pause();
    let id = '';
    try {
      h.putFlow(alice, flowId(9), fourNodeFlow());
      id = (await h.start(alice, flowId(9), { n: 1 })).id;
      // As if a worker wrote the final row and died before appending the event.
      await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { status: 'SUCCEEDED', finishedAt: new Date() });
    } finally {
      await h.runtime.queue.resume();
    }
    await waitFor(async () => (await h.runtime.events.lastSeq(id)) > 0, 10_000, 'the worker to take the job');
    expect((await h.runtime.events.read(id, 0)).map((e) => e.type)).toEqual(['EXECUTION_SUCCEEDED']);
  });
});

