import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_WEBHOOK_RESUME_PREFIX, internalWebhookPath } from '@omnitron/schema';
import { Execution } from '../entities/execution.entity';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { waitFor, WorkerProcess } from '../test-support/worker-process';

const flowId = (n: number) => `e1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the wait node: resume URL, events and timeouts', () => {
  let h: ExecutionsHarness;
  let worker: WorkerProcess | undefined;
  const alice = editorOf();
  const bob = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
    worker = new WorkerProcess(h.workerEnv({ WORKER_CONCURRENCY: '4' }));
    await waitFor(async () => (await h.runtime.queue.getWorkersCount()) >= 1, 30_000, 'the worker to connect');
  }, 60_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await h?.close();
  }, 30_000);

  const statusOf = async (id: string) => (await h.runtime.orm.em.fork().findOneOrFail(Execution, { id }, { fields: ['status'] })).status;
  const parked = (id: string) => waitFor(async () => (await statusOf(id)) === 'WAITING', 30_000, `run ${id} to wait`);
  /** POSTs (or `method`s) `body` to a resume URL path as the gateway forwards `/webhooks-resume/<token>`. */
  const callResume = (resumePath: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) => {
    const token = resumePath.split('/').at(-1)!;
    const target = `${h.url.replace(/\/graphql$/, '')}${internalWebhookPath(token, INTERNAL_WEBHOOK_RESUME_PREFIX)}`;
    return forwardWebhook(h.url, token, { target, body, method, headers });
  };
  const postForm = (resumePath: string, fields: Record<string, string>) =>
    callResume(resumePath, new URLSearchParams(fields).toString(), 'POST', { 'content-type': 'application/x-www-form-urlencoded' });
  /** start -> link ($resume.hold) -> hold (wait) -> then / late (timeout) */
  const resumable = (hold: Record<string, unknown>) => ({
    nodes: [
      node('start', 'trigger.manual'),
      node('link', 'transform', { expression: '$resume.hold' }),
      node('hold', 'wait', { mode: 'webhook', ...hold }),
      node('then', 'output', { expression: '{ "answer": $ }' }),
      node('late', 'output', { expression: '{ "late": $nodes.link }' }),
    ],
    edges: [edge('start', 'link'), edge('link', 'hold'), edge('hold', 'then', 'out'), edge('hold', 'late', 'timeout')],
  });

  it('continues a run waiting on its resume URL with the posted body; a second post is refused with CONFLICT', async () => {
    h.putFlow(alice, flowId(1), resumable({}));
    const { id } = await h.start(alice, flowId(1));
    await parked(id);
    const link = nodeRunOf((await h.execution(alice, id))!, 'link').output as string;
    const waits = await h.request<{ execution: { status: string; waits: unknown[] } }>(`query ($id: ID!) { execution(id: $id) { status waits { nodeId kind until event } } }`, { id }, alice);
    expect(waits.data?.execution).toMatchObject({ status: 'WAITING', waits: [{ nodeId: 'hold', kind: 'webhook', event: null }] });
    expect(link).toMatch(/^\/webhooks-resume\/[0-9a-f]{64}$/);

    const wrongMethod = await callResume(link, null, 'GET');
    expect(wrongMethod.status).toBe(405);
    const answer = await callResume(link, { approved: true, by: 'carol' });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ executionId: id });
    const done = await h.settled(alice, id, 30_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { answer: { approved: true, by: 'carol' } } });

    const again = await callResume(link, { approved: false });
    expect(again.status).toBe(409);
    expect((await again.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'CONFLICT' } }] });
    const unknown = await callResume(`/webhooks-resume/${'0'.repeat(64)}`, {});
    expect(unknown.status).toBe(404);
    expect((await unknown.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  }, 90_000);

  it('takes the timeout handle when nothing calls the resume URL in time, and refuses a call after', async () => {
    h.putFlow(alice, flowId(2), resumable({ waitTimeoutMs: 1_500, onTimeout: 'continue' }));
    const { id } = await h.start(alice, flowId(2));
    await parked(id);
    const done = await h.settled(alice, id, 30_000);
    const link = nodeRunOf(done, 'link').output as string;
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { late: link } });
    expect(nodeRunOf(done, 'then').status).toBe('SKIPPED');
    expect((await callResume(link, {})).status).toBe(409);
  }, 60_000);

  it('fails the node with TIMEOUT when its wait times out and onTimeout is fail', async () => {
    h.putFlow(alice, flowId(3), resumable({ waitTimeoutMs: 1_200 }));
    const { id } = await h.start(alice, flowId(3));
    const done = await h.settled(alice, id, 30_000);
    expect(done.status).toBe('FAILED');
    expect(nodeRunOf(done, 'hold').error).toMatchObject({ code: 'TIMEOUT' });
  }, 60_000);

  it('serves an approval page at the resume URL: approving once takes `out` with the answer and who gave it; rejecting takes `rejected`', async () => {
    const form = [{ name: 'amount', label: 'Amount', type: 'number', required: true }, { name: 'urgent', label: 'Urgent', type: 'boolean' }];
    h.putFlow(alice, flowId(6), {
      nodes: [
        node('start', 'trigger.manual'),
        node('link', 'transform', { expression: '$resume.ask' }),
        node('ask', 'wait', { mode: 'approval', message: 'Refund <b>{{ $input.order }}</b>?', form }),
        node('yes', 'output', { expression: '{ "approved": $ }' }),
        node('no', 'output', { expression: '{ "rejected": $.answeredBy }' }),
      ],
      edges: [edge('start', 'link'), edge('link', 'ask'), edge('ask', 'yes', 'out'), edge('ask', 'no', 'rejected')],
    });
    const [approve, reject] = await Promise.all([h.start(alice, flowId(6), { order: 'A-1' }), h.start(alice, flowId(6), { order: 'A-2' })]);
    await parked(approve.id);
    await parked(reject.id);
    const linkOf = async (id: string) => nodeRunOf((await h.execution(alice, id))!, 'link').output as string;

    const pageAnswer = await callResume(await linkOf(approve.id), null, 'GET');
    expect(pageAnswer.status).toBe(200);
    expect(pageAnswer.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await pageAnswer.text();
    expect(html).toContain('Refund &lt;b&gt;A-1&lt;/b&gt;?');
    expect(html).toMatch(/name="amount" required/);
    expect(html).toContain('value="reject"');

    const missing = await postForm(await linkOf(approve.id), { decision: 'approve', answeredBy: 'Carol' });
    expect(missing.status).toBe(400);
    expect((await missing.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'VALIDATION_FAILED', field: 'amount' } }] });
    const approved = await postForm(await linkOf(approve.id), { decision: 'approve', answeredBy: 'Carol', amount: '12.5', urgent: 'on' });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('You approved this, as Carol.');
    const done = await h.settled(alice, approve.id, 30_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { approved: { decision: 'approve', fields: { amount: 12.5, urgent: true }, answeredBy: 'Carol' } } });
    expect((await postForm(await linkOf(approve.id), { decision: 'reject', answeredBy: 'Mallory', amount: '1' })).status).toBe(409);
    expect((await callResume(await linkOf(approve.id), null, 'GET')).status).toBe(409);

    expect((await postForm(await linkOf(reject.id), { decision: 'reject', answeredBy: 'Dave', amount: '3' })).status).toBe(200);
    expect(await h.settled(alice, reject.id, 30_000)).toMatchObject({ status: 'SUCCEEDED', output: { rejected: 'Dave' } });
  }, 90_000);

  it('resumes exactly the runs whose match the event holds, in the sender\'s workspace, for an editor', async () => {
    const graph = {
      nodes: [node('start', 'trigger.manual'), node('paid', 'wait', { mode: 'event', event: 'order.paid', match: { orderId: '{{ $input.id }}' } }), node('out', 'output', { expression: '{ "id": $input.id, "payload": $ }' })],
      edges: [edge('start', 'paid'), edge('paid', 'out', 'out')],
    };
    h.putFlow(alice, flowId(4), graph);
    h.putFlow(bob, flowId(5), graph);
    const runs = await Promise.all([1, 2, 1].map((orderId) => h.start(alice, flowId(4), { id: orderId })));
    const bobs = await h.start(bob, flowId(5), { id: 1 });
    for (const run of [...runs, bobs]) await parked(run.id);
    const send = (caller: typeof alice, match: unknown, name = 'order.paid') =>
      h.request<{ sendEvent: { resumedExecutionIds: string[] } }>(
        `mutation ($name: String!, $payload: JSON, $match: JSON) { sendEvent(name: $name, payload: $payload, match: $match) { resumedExecutionIds } }`,
        { name, payload: { amount: 5 }, match },
        caller,
      );

    expect((await send({ ...alice, role: 'viewer' }, { orderId: 1 })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(alice, [1])).errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'match' });
    expect((await send(alice, { orderId: 1 }, 'order.refunded')).data?.sendEvent.resumedExecutionIds).toEqual([]);
    const sent = await send(alice, { orderId: 1, currency: 'EUR' });
    expect([...sent.data!.sendEvent.resumedExecutionIds].sort()).toEqual([runs[0]!.id, runs[2]!.id].sort());
    for (const run of [runs[0]!, runs[2]!]) expect(await h.settled(alice, run.id, 30_000)).toMatchObject({ status: 'SUCCEEDED', output: { id: 1, payload: { amount: 5 } } });
    // The parked node streamed NODE_WAITING with what it waits for, and its NODE_STARTED after the resume ended it.
    const { events } = await h.events(alice, runs[0]!.id);
    const paid = events.filter((e) => e.nodeId === 'paid').map((e) => e.type);
    expect(paid).toEqual(['NODE_STARTED', 'NODE_WAITING', 'NODE_STARTED', 'NODE_SUCCEEDED']);
    expect(events.find((e) => e.type === 'NODE_WAITING')).toMatchObject({ nodeId: 'paid', data: { kind: 'event', event: 'order.paid', until: expect.any(String) } });
    expect(events.findIndex((e) => e.type === 'NODE_WAITING')).toBe(events.findIndex((e) => e.type === 'EXECUTION_WAITING') - 1);
    expect(await statusOf(runs[1]!.id)).toBe('WAITING');
    // Another workspace's run with the same event and match was not touched; its own workspace resumes it.
    expect(await statusOf(bobs.id)).toBe('WAITING');
    expect((await send(bob, { orderId: 1 })).data?.sendEvent.resumedExecutionIds).toEqual([bobs.id]);
    expect(await h.cancel(alice, runs[1]!.id)).toEqual({ status: 'CANCELLED' });
  }, 90_000);
});
