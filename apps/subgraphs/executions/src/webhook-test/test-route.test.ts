import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_WEBHOOK_TEST_PREFIX, internalWebhookPath } from '@omnitron/schema';
import type { FlowGraph } from '@omnitron/nodes';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { TEST_DRAFT_MAX_BYTES } from './test-draft';

/** The test URL: captures one request while someone listens, and runs the editor's draft (or the saved flow) with it. */
describe('executions: webhook test URL', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    // A body limit above the draft's own, so a huge draft meets the listen's check and not the transport's.
    h = await ExecutionsHarness.start({ WEBHOOK_WAIT_MS: '20000' }, { MAX_BODY_BYTES: 4 * TEST_DRAFT_MAX_BYTES });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const savedGraph = (path: string): FlowGraph => ({
    nodes: [node('hook', 'trigger.webhook', { path, methods: ['POST', 'GET'] }), node('out', 'output', { expression: '{ "saw": $input.body.n, "q": $input.query.q }' })],
    edges: [edge('hook', 'out')],
  });
  /** A flow saved with a webhook trigger, never registered (an inactive flow). */
  const savedFlow = () => {
    const path = `draft/${randomUUID()}`;
    const flowId = randomUUID();
    h.putFlow(alice, flowId, savedGraph(path));
    return { path, flowId };
  };
  /** The saved flow as the editor changed it without saving: a `mark` node before the output, which reads it. */
  const editedDraft = (path: string): FlowGraph => ({
    nodes: [
      node('hook', 'trigger.webhook', { path, methods: ['POST'] }),
      node('mark', 'transform', { expression: '{ "drafted": $input.body.n * 2 }' }),
      node('out', 'output', { expression: '$nodes.mark' }),
    ],
    edges: [edge('hook', 'mark'), edge('mark', 'out')],
  });
  const testUrlOf = (path: string) => `${h.url.replace(/\/graphql$/, '')}${internalWebhookPath(path, INTERNAL_WEBHOOK_TEST_PREFIX)}`;
  const sendTest = (path: string, body: unknown, method = 'POST') => forwardWebhook(h.url, path, { body, method, query: { q: 'test' }, signedFor: testUrlOf(path), target: testUrlOf(path) });
  const listen = async (flowId: string, nodeId = 'hook', caller = alice, draft?: unknown) =>
    h.request<{ listenForTestWebhook: { id: string; status: string; path: string } }>(
      `mutation ($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) { listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id status path expiresAt } }`,
      { flowId, nodeId, draft },
      caller,
    );
  const refusal = async (flowId: string, draft: unknown, caller = alice) => (await listen(flowId, 'hook', caller, draft)).errors?.[0]?.extensions;
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

  it('runs the draft sent with the listen, not the saved flow, and keeps the draft trigger\'s methods', async () => {
    const { path, flowId } = savedFlow();
    const id = (await listen(flowId, 'hook', alice, editedDraft(path))).data!.listenForTestWebhook.id;
    expect((await sendTest(path, { n: 1 }, 'GET')).status).toBe(405); // the saved trigger takes GET, the draft's does not
    const answer = await sendTest(path, { n: 21 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ drafted: 42 });
    const executionId = (await listenState(id))!.executionId!;
    const run = await h.settled(alice, executionId);
    expect(nodeRunOf(run, 'mark').output).toEqual({ drafted: 42 });
  });

  it('lets a newer listen on the path replace an older one, and runs the newer listen\'s graph', async () => {
    const { path, flowId } = savedFlow();
    const older = (await listen(flowId, 'hook', alice, editedDraft(path))).data!.listenForTestWebhook.id;
    const newer = (await listen(flowId)).data!.listenForTestWebhook.id;
    const answer = await sendTest(path, { n: 3 });
    expect(await answer.json()).toEqual({ saw: 3, q: 'test' });
    expect((await listenState(newer))?.status).toBe('CAPTURED');
    expect((await listenState(older))?.status).toBe('LISTENING'); // replaced: it never captures, and reads EXPIRED when its time is up
  });

  it('refuses a draft that cannot run, naming its problem: a cycle, an unknown node type', async () => {
    const { path, flowId } = savedFlow();
    const cyclic = editedDraft(path);
    const withCycle = { ...cyclic, nodes: [...cyclic.nodes, node('back', 'transform', { expression: '$input' })], edges: [...cyclic.edges, edge('mark', 'back'), edge('back', 'mark')] };
    const cycle = await refusal(flowId, withCycle);
    expect(cycle).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft', problems: expect.arrayContaining([expect.objectContaining({ code: 'CYCLE' })]) });
    const unknown = await refusal(flowId, { ...cyclic, nodes: cyclic.nodes.map((n) => (n.id === 'mark' ? { ...n, type: 'no.such.node' } : n)) });
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft', problems: [expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'mark' })] });
    expect((await listen(flowId, 'hook', alice, { nodes: 'not a list' })).errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft' });
    expect((await sendTest(path, { n: 1 })).status).toBe(404); // nothing listens after a refusal
  });

  it('refuses a draft larger than a listen keeps', async () => {
    const { path, flowId } = savedFlow();
    const draft = editedDraft(path);
    const padded = { ...draft, nodes: draft.nodes.map((n) => (n.id === 'mark' ? { ...n, data: { ...n.data, notes: 'x'.repeat(TEST_DRAFT_MAX_BYTES) } } : n)) };
    expect(await refusal(flowId, padded)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'draft', limitBytes: TEST_DRAFT_MAX_BYTES });
  });

  it("refuses a draft without the saved webhook trigger at the test URL's path", async () => {
    const { path, flowId } = savedFlow();
    const moved = editedDraft(`draft/${randomUUID()}`);
    expect(await refusal(flowId, moved)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft' });
    const manual: FlowGraph = { nodes: [node('hook', 'trigger.manual'), node('out', 'output', { expression: '$input' })], edges: [edge('hook', 'out')] };
    expect(await refusal(flowId, manual)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'draft' });
    expect((await sendTest(path, { n: 1 })).status).toBe(404);
  });

  it("answers another workspace's flow as missing and a viewer as forbidden, with a valid draft", async () => {
    const { path, flowId } = savedFlow();
    expect((await refusal(flowId, editedDraft(path), editorOf()))?.code).toBe('NOT_FOUND');
    expect((await refusal(flowId, editedDraft(path), { ...alice, role: 'viewer' }))?.code).toBe('FORBIDDEN');
    expect((await sendTest(path, { n: 1 })).status).toBe(404);
  });
});
