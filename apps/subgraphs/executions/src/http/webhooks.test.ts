import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowGraph } from '@omnitron/nodes';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness } from '../test-support/harness';

/** Webhooks as integrations use them: methods, raw and parsed bodies, forms, files, the respond node. */
describe('executions: webhook requests and answers', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ WEBHOOK_WAIT_MS: '20000' });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  /** Registers a flow whose webhook trigger has `trigger` as config; returns its path and id. */
  const hook = async (trigger: Record<string, unknown>, rest: FlowGraph = { nodes: [node('out', 'output')], edges: [edge('hook', 'out')] }) => {
    const path = `it/${randomUUID()}`;
    const flowId = randomUUID();
    h.putFlow(alice, flowId, { nodes: [node('hook', 'trigger.webhook', { path, ...trigger }), ...rest.nodes], edges: rest.edges });
    const synced = await h.sync(alice, flowId);
    expect(synced.data?.syncFlowTriggers.webhooks).toEqual([path]);
    return { path, flowId };
  };
  const runsOf = async (flowId: string) => (await h.executionIds(alice, { flowId })).ids;

  it('passes a GET with query parameters to the flow', async () => {
    const { path } = await hook({ methods: ['GET'] });
    const answer = await forwardWebhook(h.url, path, { method: 'GET', query: { challenge: 'abc', n: '2' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ method: 'GET', query: { challenge: 'abc', n: '2' }, body: null, rawBody: '', size: 0 });
  });

  it('answers 405 with allow for a method the trigger does not accept, and starts no run', async () => {
    const { path, flowId } = await hook({ methods: ['POST', 'PUT'] });
    const answer = await forwardWebhook(h.url, path, { method: 'DELETE' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST, PUT');
    expect(((await answer.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'method' });
    expect(await runsOf(flowId)).toEqual([]);
    expect((await forwardWebhook(h.url, path, { method: 'PUT', body: { ok: 1 } })).status).toBe(200);
  });

  it('hands the flow the raw body bytes unchanged beside the parsed JSON', async () => {
    const { path } = await hook({});
    // Spacing and key order a re-serialisation would lose: what a signature covers.
    const sent = '{ "b": 1,\n  "a": [1.0, "\u00e9"] }';
    const answer = await forwardWebhook(h.url, path, { body: sent, headers: { 'content-type': 'application/json' } });
    const input = (await answer.json()) as { body: unknown; rawBody: string; size: number; contentType: string };
    expect(input.body).toEqual({ b: 1, a: [1, 'é'] });
    expect(Buffer.from(input.rawBody, 'base64').toString('utf8')).toBe(sent);
    expect(input).toMatchObject({ size: Buffer.byteLength(sent), contentType: 'application/json' });
  });

  it('keeps a binary body whole as base64, with no parsed body', async () => {
    const { path } = await hook({});
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a, 0xff, 0xfe]);
    const answer = await forwardWebhook(h.url, path, { body: bytes, headers: { 'content-type': 'image/png' } });
    const input = (await answer.json()) as { body: unknown; rawBody: string; size: number };
    expect(input.body).toBeNull();
    expect(Buffer.from(input.rawBody, 'base64').equals(bytes)).toBe(true);
    expect(input.size).toBe(8);
  });

  it('parses form-urlencoded fields, a repeated one as a list', async () => {
    const { path } = await hook({});
    const answer = await forwardWebhook(h.url, path, { body: 'token=t1&team=a%20b&tag=x&tag=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(((await answer.json()) as { body: unknown }).body).toEqual({ token: 't1', team: 'a b', tag: ['x', 'y'] });
  });

  it('parses multipart/form-data: fields in body, files with name, type, size and base64 bytes', async () => {
    const { path } = await hook({});
    const form = new FormData();
    form.append('title', 'report');
    form.append('upload', new Blob([Buffer.from([1, 2, 3, 0, 255])], { type: 'application/pdf' }), 'r.pdf');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await request.arrayBuffer());
    const answer = await forwardWebhook(h.url, path, { body: bytes, headers: { 'content-type': request.headers.get('content-type')! } });
    const input = (await answer.json()) as { body: unknown; files: unknown };
    expect(input.body).toEqual({ title: 'report' });
    expect(input.files).toEqual([{ field: 'upload', name: 'r.pdf', type: 'application/pdf', size: 5, data: Buffer.from([1, 2, 3, 0, 255]).toString('base64') }]);
  });

  it('answers with what a respond node set: status 201, a header and a rendered body', async () => {
    const { path } = await hook(
      {},
      {
        nodes: [node('answer', 'respond', { status: 201, headers: { location: '/orders/{{ $input.body.id }}' }, body: { created: '{{ $input.body.id }}' } }), node('out', 'output')],
        edges: [edge('hook', 'answer'), edge('answer', 'out')],
      },
    );
    const answer = await forwardWebhook(h.url, path, { body: { id: 9 } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe('/orders/9');
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(await answer.json()).toEqual({ created: 9 });
    expect(answer.headers.get('x-omnitron-execution-id')).toBeTruthy();
  });

  it('answers 202 with the execution id at once for respond: immediately', async () => {
    const { path, flowId } = await hook({ respond: 'immediately' }, { nodes: [node('wait', 'delay', { ms: 3_000 }), node('out', 'output')], edges: [edge('hook', 'wait'), edge('wait', 'out')] });
    const answer = await forwardWebhook(h.url, path, { body: {} });
    expect(answer.status).toBe(202);
    const { executionId } = (await answer.json()) as { executionId: string };
    expect(await runsOf(flowId)).toEqual([executionId]);
    expect((await h.execution(alice, executionId))?.status).not.toBe('SUCCEEDED');
  });
});
