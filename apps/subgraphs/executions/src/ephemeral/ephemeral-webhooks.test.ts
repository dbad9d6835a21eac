import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowGraph } from '@omnitron/nodes';
import type { Caller } from '@omnitron/server-kit';
import { IdentityProcess, testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { edge, node } from '../test-support/flow-fixtures';
import { FlowsProcess, freePort } from '../test-support/flows-process';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness, type ExecutionView } from '../test-support/harness';
import { waitFor } from '../test-support/worker-process';
import { RunRecorder } from './run-recorder';
import { WebhookRegistry } from './webhook-registry';

const SECRET = 'ephemeral-hook-secret-9d1';
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Ephemeral webhook runs with the real flows subgraph (settings, activation) and identity (a
 * signature secret). No worker runs in this file: every answer comes from the receiving process.
 */
describe('executions: ephemeral webhook runs', () => {
  const flows = new FlowsProcess();
  const identity = new IdentityProcess();
  const flowsDb = throwawayDatabase('ephemeral');
  let h: ExecutionsHarness;
  let alice: Caller;

  beforeAll(async () => {
    const prefix = throwawayRedisPrefix('ephemeral');
    const flowsPort = await freePort();
    await identity.start();
    // A long cache TTL: a change must reach every process by its invalidation, not by expiry.
    h = await ExecutionsHarness.start(
      { FLOWS_URL: `http://127.0.0.1:${flowsPort}/graphql`, IDENTITY_URL: identity.url, WEBHOOK_WAIT_MS: '5000', WEBHOOK_CACHE_TTL_MS: '600000' },
      { REDIS_PREFIX: prefix, MAX_BODY_BYTES },
    );
    await flows.start(
      { DATABASE_URL: flowsDb.url, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-ephemeral-')), EXECUTIONS_URL: h.url },
      flowsPort,
    );
    alice = await identity.register('alice');
    await identity.createCredential(alice, { name: 'hook secret', type: 'WEBHOOK_SECRET', fields: { secret: SECRET } });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await flows.stop();
    await identity.stop();
    await flowsDb.drop();
  }, 60_000);

  /** webhook -> set field -> IF big -> respond per branch: the bench's workload. */
  const branchingFlow = (path: string, trigger: Record<string, unknown> = {}): FlowGraph => ({
    nodes: [
      node('hook', 'trigger.webhook', { path, ...trigger }),
      node('set', 'transform', { expression: '{ "n": $input.body.n, "doubled": $input.body.n * 2 }' }),
      node('big', 'condition', { expression: '$nodes.set.doubled > 10' }),
      node('yes', 'respond', { status: 201, headers: { 'x-size': 'big' }, body: { size: 'big', doubled: '{{ $nodes.set.doubled }}' } }),
      node('no', 'respond', { status: 200, body: { size: 'small', doubled: '{{ $nodes.set.doubled }}' } }),
    ],
    edges: [edge('hook', 'set'), edge('set', 'big'), edge('big', 'yes', 'true'), edge('big', 'no', 'false')],
  });

  /** Creates the flow, sets it ephemeral and activates it; returns its id. */
  const ephemeralFlow = async (graph: FlowGraph): Promise<string> => {
    const id = await flows.createFlow(alice, `ephemeral ${randomUUID()}`, graph);
    await flows.request(`mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { id } }`, { id, input: { ephemeral: true } }, alice);
    expect(await flows.setActive(alice, id, true)).toEqual({ active: true });
    return id;
  };
  const recorded = async (id: string): Promise<ExecutionView & { ephemeral?: boolean }> => {
    let found: (ExecutionView & { ephemeral?: boolean }) | null = null;
    await waitFor(async () => {
      const result = await h.request<{ execution: (ExecutionView & { ephemeral: boolean }) | null }>(
        `query ($id: ID!) { execution(id: $id) { id status ephemeral output error { code message nodeId } nodeRuns { nodeId status output error { code message } } } }`,
        { id },
        alice,
      );
      found = result.data?.execution ?? null;
      return found !== null;
    }, 30_000, `execution ${id} to be recorded`);
    return found!;
  };
  const runsOf = async (flowId: string) => (await h.executionIds(alice, { flowId })).ids;

  it('answers from the receiving process, per branch, and records the run with every node run', async () => {
    const path = `eph/${randomUUID()}`;
    const flowId = await ephemeralFlow(branchingFlow(path));
    const big = await forwardWebhook(h.url, path, { body: { n: 7 } });
    expect(big.status).toBe(201);
    expect(big.headers.get('x-size')).toBe('big');
    expect(await big.json()).toEqual({ size: 'big', doubled: 14 });
    const small = await forwardWebhook(h.url, path, { body: { n: 2 } });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ size: 'small', doubled: 4 });

    const id = big.headers.get('x-omnitron-execution-id')!;
    const run = await recorded(id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', ephemeral: true });
    const byNode = Object.fromEntries(run.nodeRuns.map((nodeRun) => [nodeRun.nodeId, nodeRun.status]));
    expect(byNode).toEqual({ hook: 'SUCCEEDED', set: 'SUCCEEDED', big: 'SUCCEEDED', yes: 'SUCCEEDED', no: 'SKIPPED' });
    expect(run.nodeRuns.find((nodeRun) => nodeRun.nodeId === 'set')?.output).toEqual({ n: 7, doubled: 14 });
    await recorded(small.headers.get('x-omnitron-execution-id')!);
    expect(await runsOf(flowId)).toHaveLength(2);
    // Nothing went through the queue.
    expect(await h.runtime.queue.getJobCounts('wait', 'active', 'completed', 'prioritized')).toEqual({ wait: 0, active: 0, completed: 0, prioritized: 0 });
  });

  it('answers 500 for a node that fails and records the run FAILED with that node', async () => {
    const path = `eph/${randomUUID()}`;
    const graph = branchingFlow(path);
    graph.nodes[1] = node('set', 'transform', { expression: '$error("no customer")' });
    const flowId = await ephemeralFlow(graph);
    const answer = await forwardWebhook(h.url, path, { body: { n: 1 } });
    expect(answer.status).toBe(500);
    const body = (await answer.json()) as { executionId: string; status: string; error: { nodeId: string; message: string } };
    expect(body).toMatchObject({ status: 'FAILED', error: { nodeId: 'set' } });
    expect(body.error.message).toMatch(/no customer/);
    const run = await recorded(body.executionId);
    expect(run).toMatchObject({ status: 'FAILED', ephemeral: true, error: { nodeId: 'set' } });
    expect(run.nodeRuns.find((nodeRun) => nodeRun.nodeId === 'set')).toMatchObject({ status: 'FAILED', error: { message: expect.stringMatching(/no customer/) } });
    expect(await runsOf(flowId)).toEqual([body.executionId]);
  });

  it('refuses a wrong method, a body over the limit and a bad signature as the durable path does, recording nothing', async () => {
    const path = `eph/${randomUUID()}`;
    const flowId = await ephemeralFlow(branchingFlow(path, { signature: { credential: 'hook secret' } }));
    const body = JSON.stringify({ n: 9 });
    const signed = (text: string, secret = SECRET) => ({ 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(text).digest('hex')}` });

    const wrongMethod = await forwardWebhook(h.url, path, { method: 'DELETE', body, headers: signed(body) });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await forwardWebhook(h.url, path, { body, headers: signed(body, 'wrong secret') })).status).toBe(401);
    expect((await forwardWebhook(h.url, path, { body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const huge = JSON.stringify({ n: 1, pad: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await forwardWebhook(h.url, path, { body: huge, headers: signed(huge) })).status).toBe(413);

    const good = await forwardWebhook(h.url, path, { body, headers: signed(body) });
    expect(good.status).toBe(201);
    await recorded(good.headers.get('x-omnitron-execution-id')!);
    expect(await runsOf(flowId)).toHaveLength(1);
  });

  it('stops answering as soon as the flow is deactivated, in every process', async () => {
    const path = `eph/${randomUUID()}`;
    const flowId = await ephemeralFlow(branchingFlow(path));
    // Another process's registry: it learns of the change over Redis, not by its (10 min) expiry.
    const elsewhere = new WebhookRegistry(h.runtime);
    await elsewhere.start();
    try {
      expect((await forwardWebhook(h.url, path, { body: { n: 1 } })).status).toBe(200);
      expect((await elsewhere.lookup(path))?.ephemeral).toBeDefined();
      expect(await flows.setActive(alice, flowId, false)).toEqual({ active: false });
      expect((await forwardWebhook(h.url, path, { body: { n: 1 } })).status).toBe(404);
      await waitFor(async () => (await elsewhere.lookup(path)) === undefined, 10_000, 'the other process to forget the path');
    } finally {
      elsewhere.close();
    }
  });

  it('runs durably once the flow is saved with a node an ephemeral run cannot have', async () => {
    const path = `eph/${randomUUID()}`;
    const graph = branchingFlow(path);
    const flowId = await ephemeralFlow(graph);
    expect((await forwardWebhook(h.url, path, { body: { n: 1 } })).status).toBe(200);
    graph.nodes.push(node('pause', 'delay', { ms: 1 }));
    graph.edges.push(edge('hook', 'pause'));
    await flows.updateFlow(alice, flowId, 'with a delay', graph);
    // No worker runs here: the durable path queues the run and answers 202 once WEBHOOK_WAIT_MS passes.
    const answer = await forwardWebhook(h.url, path, { body: { n: 1 } });
    expect(answer.status).toBe(202);
    const queued = await recorded(answer.headers.get('x-omnitron-execution-id')!);
    expect(queued).toMatchObject({ status: 'QUEUED', ephemeral: false });
  }, 60_000);
});

describe('executions: the ephemeral run recorder', () => {
  let h: ExecutionsHarness;
  beforeAll(async () => {
    h = await ExecutionsHarness.start({ EPHEMERAL_RECORD_QUEUE_MAX: '2', EPHEMERAL_RECORD_BATCH: '50' });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const runRow = (id: string) => ({
    id,
    workspaceId: randomUUID(),
    flowId: randomUUID(),
    flowVersion: 1,
    flowName: 'recorded',
    graph: { nodes: [], edges: [] },
    triggerNodeId: 'hook',
    triggerType: 'trigger.webhook',
    startedBy: randomUUID(),
    status: 'SUCCEEDED' as const,
    input: { n: 1 },
    output: { ok: true },
    outputTruncated: false,
    error: null,
    idempotencyKey: null,
    parentExecutionId: null,
    parentNodeId: null,
    createdAt: new Date(),
    startedAt: new Date(),
    finishedAt: new Date(),
    durationMs: 1,
    heartbeatAt: null,
    priority: 0,
    concurrencyLimit: null,
    concurrencyKey: null,
    concurrencyKeyLimit: null,
    queuedReason: null,
    errorFlowId: null,
    errorOfExecutionId: null,
    test: false,
    retryOfId: null,
    retryFromNodeId: null,
    ephemeral: true,
  });

  it('stops taking runs past its bound and writes every waiting run when it closes', async () => {
    const recorder = new RunRecorder(h.runtime);
    const ids = Array.from({ length: 3 }, () => randomUUID());
    // The first run is taken into a write at once; two more wait, which is the bound.
    for (const id of ids) recorder.record({ execution: runRow(id), nodeRuns: [{ executionId: id, nodeId: 'hook', status: 'SUCCEEDED', attempts: 1, input: null, output: { n: 1 } }] });
    expect(recorder.accepts()).toBe(false);
    await recorder.close();
    expect(recorder.backlog).toBe(0);
    expect(recorder.accepts()).toBe(false);
    const em = h.runtime.orm.em.fork();
    const rows = (await em.getConnection().execute(`select id, ephemeral from executions where id in (?, ?, ?)`, ids)) as Array<{ id: string; ephemeral: boolean }>;
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(rows.every((row) => row.ephemeral)).toBe(true);
    const nodeRuns = (await em.getConnection().execute(`select execution_id from node_runs where execution_id in (?, ?, ?)`, ids)) as unknown[];
    expect(nodeRuns).toHaveLength(3);
  });
});
