import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_WEBHOOK_TEST_PREFIX, internalWebhookPath } from '@omnitron/schema';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness } from '../test-support/harness';

/** The test URL: captures one request while someone listens, and runs the saved flow with it. */
describe('executions: webhook test URL', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ WEBHOOK_WAIT_MS: '20000' });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  /** A flow saved with a webhook trigger, never registered (an inactive flow). */
  const savedFlow = () => {
    const path = `draft/${randomUUID()}`;
    const flowId = randomUUID();
    h.putFlow(alice, flowId, {
      nodes: [node('hook', 'trigger.webhook', { path, methods: ['POST', 'GET'] }), node('out', 'output', { expression: '{ "saw": $input.body.n, "q": $input.query.q }' })],
      edges: [edge('hook', 'out')],
    });
    return { path, flowId };
  };
  const testUrlOf = (path: string) => `${h.url.replace(/\/graphql$/, '')}${internalWebhookPath(path, INTERNAL_WEBHOOK_TEST_PREFIX)}`;
  const sendTest = (path: string, body: unknown, method = 'POST') => forwardWebhook(h.url, path, { body, method, query: { q: 'test' }, signedFor: testUrlOf(path), target: testUrlOf(path) });
  const listen = async (flowId: string, nodeId = 'hook', caller = alice) =>
    h.request<{ listenForTestWebhook: { id: string; status: string; path: string } }>(
      `mutation ($flowId: ID!, $nodeId: String!) { listenForTestWebhook(flowId: $flowId, nodeId: $nodeId) { id status path expiresAt } }`,
      { flowId, nodeId },
      caller,
    );
  const listenState = async (id: string, caller = alice) =>
    (await h.request<{ webhookTestListen: { status: string; executionId: string | null } | null }>(`query ($id: ID!) { webhookTestListen(id: $id) { status executionId } }`, { id }, caller)).data?.webhookTestListen;

  it('answers 404 on a test URL nobody listens on', async () => {
    const { path } = savedFlow();
    expect((await sendTest(path, { n: 1 })).status).toBe(404);
  });

  it('captures one request while listening and runs the saved (not registered) flow with it', async () => {
    const { path, flowId } = savedFlow();
    expect((await forwardWebhook(h.url, path, { body: { n: 1 } })).status).toBe(404); // the production URL: not active
    const listened = await listen(flowId);
    const id = listened.data!.listenForTestWebhook.id;
    expect(listened.data!.listenForTestWebhook).toMatchObject({ status: 'LISTENING', path });
    expect(await listenState(id)).toEqual({ status: 'LISTENING', executionId: null });

    const answer = await sendTest(path, { n: 42 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ saw: 42, q: 'test' });
    const captured = await listenState(id);
    expect(captured?.status).toBe('CAPTURED');
    expect((await h.executionIds(alice, { flowId })).ids).toEqual([captured!.executionId]);
    expect((await sendTest(path, { n: 43 })).status).toBe(404); // one request per listen
  });

  it('refuses to listen on a node that is not a webhook trigger, and hides a listen from another workspace', async () => {
    const { flowId } = savedFlow();
    expect((await listen(flowId, 'out')).errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'nodeId' });
    expect((await listen(flowId, 'hook', editorOf())).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const id = (await listen(flowId)).data!.listenForTestWebhook.id;
    expect(await listenState(id, editorOf())).toBeNull();
  });

  it('keeps listening when a request uses a method the trigger refuses (405)', async () => {
    const { path, flowId } = savedFlow();
    const id = (await listen(flowId)).data!.listenForTestWebhook.id;
    expect((await sendTest(path, undefined, 'DELETE')).status).toBe(405);
    expect((await listenState(id))?.status).toBe('LISTENING');
    expect((await sendTest(path, { n: 5 }, 'GET')).status).toBe(200);
    expect((await listenState(id))?.status).toBe('CAPTURED');
  });
});
