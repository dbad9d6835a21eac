import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeForwardedWebhook, FORWARDED_WEBHOOK_TYPE, internalWebhookPath } from '@omnitron/schema';
import { routeOf, signCaller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { chain, edge, editorOf, node } from './test-support/flow-fixtures';
import { CountingServer } from './test-support/counting-server';
import { forwardWebhook } from './test-support/forward-webhook';
import { ExecutionsHarness } from './test-support/harness';
import { reconcileSchedules } from './triggers/schedules';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('executions: schedule and webhook triggers', () => {
  let h: ExecutionsHarness;
  let remote: CountingServer;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ WEBHOOK_WAIT_MS: '3000' });
    remote = await new CountingServer().start();
    await h.startWorker();
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await remote?.close();
  }, 30_000);

  const executionsOf = async (flowId: string): Promise<string[]> => (await h.executionIds(alice, { flowId })).ids;

  it('fires a schedule every second without duplicates across two workers, and stops when removed', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000001';
    const scheduled = {
      nodes: [node('tick', 'trigger.schedule', { cron: '* * * * * *' }), node('call', 'http.request', { url: `${remote.url}/tick` })],
      edges: [edge('tick', 'call')],
    };
    h.putFlow(alice, flowId, scheduled);
    const synced = await h.sync(alice, flowId);
    expect(synced.data?.syncFlowTriggers).toEqual({ webhooks: [], schedules: ['tick'] });
    await h.sync(alice, flowId); // saving again must not add a scheduler
    await reconcileSchedules(h.runtime); // nor must a worker restart
    const schedulers = (await h.runtime.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith('schedule-'));
    expect(schedulers).toHaveLength(1);

    await sleep(4_500);
    h.putFlow(alice, flowId, chain(node('call', 'http.request', { url: `${remote.url}/tick` })));
    expect((await h.sync(alice, flowId)).data?.syncFlowTriggers.schedules).toEqual([]);
    await sleep(1_200); // a tick already being processed when the schedule is removed may still start its run
    const fired = await executionsOf(flowId);
    for (const id of fired) await h.settled(alice, id);
    expect(fired.length).toBeGreaterThanOrEqual(3);
    expect(fired.length).toBeLessThanOrEqual(7);
    expect(remote.count('/tick')).toBe(fired.length);
    const ticks = await Promise.all(
      fired.map(async (id) => {
        const result = await h.request<{ execution: { input: { scheduledAt: string } } }>(`query ($id: ID!) { execution(id: $id) { input } }`, { id }, alice);
        return result.data!.execution.input.scheduledAt;
      }),
    );
    expect(new Set(ticks).size).toBe(fired.length); // one run per tick, whichever worker took it

    await sleep(2_000);
    expect(await executionsOf(flowId)).toHaveLength(fired.length);
    expect((await h.runtime.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith('schedule-'))).toHaveLength(0);
  }, 30_000);

  const internalUrl = (urlPath: string) => `${h.url.replace(/\/graphql$/, '')}${urlPath}`;
  /** As the gateway forwards: to the path's one internal URL, signed for that URL's route. */
  const postWebhook = (path: string, body: unknown, signingKey = TEST_SIGNING_KEY, signedFor?: string) =>
    forwardWebhook(h.url, path, { body, headers: { 'x-test': '1' }, query: { q: 'v' }, signingKey, signedFor });

  it('answers a respond:end webhook with the flow output', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000002';
    h.putFlow(alice, flowId, {
      nodes: [node('hook', 'trigger.webhook', { path: 'orders/new', respond: 'end' }), node('out', 'output', { expression: '{ "got": $input.body.n, "q": $input.query.q }' })],
      edges: [edge('hook', 'out')],
    });
    expect((await h.sync(alice, flowId)).data?.syncFlowTriggers.webhooks).toEqual(['orders/new']);
    const response = await postWebhook('orders/new', { n: 5 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: 5, q: 'v' });
    expect(await executionsOf(flowId)).toHaveLength(1);
  });

  it('answers a respond:immediately webhook with 202 and the execution id', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000003';
    h.putFlow(alice, flowId, {
      nodes: [node('hook', 'trigger.webhook', { path: 'fire-and-forget', respond: 'immediately' }), node('out', 'output')],
      edges: [edge('hook', 'out')],
    });
    await h.sync(alice, flowId);
    const response = await postWebhook('fire-and-forget', { a: 1 });
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    const done = await h.settled(alice, executionId);
    expect(done.output).toEqual({
      method: 'POST',
      body: { a: 1 },
      rawBody: Buffer.from('{"a":1}').toString('base64'),
      contentType: 'application/json',
      size: 7,
      files: [],
      headers: { 'x-test': '1', 'content-type': 'application/json' },
      query: { q: 'v' },
    });
  });

  it('answers 202 when a respond:end run outlasts the wait, and the run continues', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000004';
    h.putFlow(alice, flowId, {
      nodes: [node('hook', 'trigger.webhook', { path: 'slow', respond: 'end' }), node('wait', 'delay', { ms: 4_000 }), node('out', 'output')],
      edges: [edge('hook', 'wait'), edge('wait', 'out')],
    });
    await h.sync(alice, flowId);
    const response = await postWebhook('slow', {});
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    expect((await h.settled(alice, executionId)).status).toBe('SUCCEEDED');
  }, 20_000);

  it('refuses unknown paths, unsigned calls and a path taken by another flow', async () => {
    expect((await postWebhook('nope', {})).status).toBe(404);
    expect((await postWebhook('orders/new', {}, 'wrong-key-wrong-key-wrong-key-wrong-key')).status).toBe(401);
    const flowId = 'd0000000-0000-4000-8000-000000000005';
    h.putFlow(alice, flowId, { nodes: [node('hook', 'trigger.webhook', { path: 'orders/new' }), node('out', 'output')], edges: [edge('hook', 'out')] });
    const result = await h.sync(alice, flowId);
    expect(result.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('refuses a signature made for another route: POST /graphql, or another webhook', async () => {
    const before = (await executionsOf('d0000000-0000-4000-8000-000000000002')).length;
    expect((await postWebhook('orders/new', { n: 1 }, TEST_SIGNING_KEY, h.url)).status).toBe(401);
    expect((await postWebhook('orders/new', { n: 1 }, TEST_SIGNING_KEY, internalUrl(internalWebhookPath('fire-and-forget')))).status).toBe(401);
    expect(await executionsOf('d0000000-0000-4000-8000-000000000002')).toHaveLength(before);
  });

  it('answers 404 for a path not encoded as the one segment the gateway sends, even when signed for it', async () => {
    for (const urlPath of ['/internal/webhooks/orders/new', '/internal/webhooks/orders%2fnew', '/internal/webhooks/..%2Fgraphql']) {
      const response = await fetch(internalUrl(urlPath), {
        method: 'POST',
        headers: { 'content-type': FORWARDED_WEBHOOK_TYPE, ...signCaller(TEST_SIGNING_KEY, routeOf('POST', internalUrl(urlPath)), null) },
        body: encodeForwardedWebhook({ method: 'POST', headers: {}, query: {} }, Buffer.from('{}')),
      });
      expect(response.status).toBe(404);
    }
  });

  it('refuses a NUL or a lone surrogate anywhere in the request with 400 VALIDATION_FAILED, creating no run', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000006';
    h.putFlow(alice, flowId, { nodes: [node('hook', 'trigger.webhook', { path: 'odd/text', respond: 'immediately' }), node('out', 'output')], edges: [edge('hook', 'out')] });
    await h.sync(alice, flowId);
    // JSON escapes keep a lone surrogate or a NUL as text all the way to the parsed body.
    const forward = (forwarded: { body: unknown; query?: Record<string, string> }) =>
      forwardWebhook(h.url, 'odd/text', { body: typeof forwarded.body === 'string' ? forwarded.body : JSON.stringify(forwarded.body), headers: { 'content-type': 'application/json' }, query: forwarded.query });
    const cases: Array<[{ body: unknown; query?: Record<string, string> }, string]> = [
      [{ body: { n: 1, note: 'a\u0000b' } }, 'body.note'],
      [{ body: { items: ['ok', '\ud800'] } }, 'body.items[1]'],
      [{ body: '"text \\udfff"' }, 'body'],
      [{ body: { '\u0000': 1 } }, 'body["\\u0000"]'],
      [{ body: {}, query: { q: '\u0000' } }, 'query.q'],
    ];
    for (const [forwarded, field] of cases) {
      const response = await forward(forwarded);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors[0]!;
      expect(error.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await executionsOf(flowId)).toEqual([]);
    expect((await forward({ body: { fine: '\ud83d\ude80' } })).status).toBe(202);
    expect(await executionsOf(flowId)).toHaveLength(1);
  });

  it('drops the triggers of a deleted flow', async () => {
    const flowId = 'd0000000-0000-4000-8000-000000000003';
    h.flows.remove(flowId);
    expect((await h.sync(alice, flowId)).data?.syncFlowTriggers).toEqual({ webhooks: [], schedules: [] });
    expect((await postWebhook('fire-and-forget', {})).status).toBe(404);
  });
});
