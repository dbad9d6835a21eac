import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { IdentityProcess } from '@omnitron/server-kit/testing';
import { edge, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness } from '../test-support/harness';

const SECRET = 'gh-webhook-secret-61f0c2';

/** Signed webhooks with identity (a real process) holding the secret as a WEBHOOK_SECRET credential. */
describe('executions: webhook signature check', () => {
  const identity = new IdentityProcess();
  let h: ExecutionsHarness;
  let alice: Caller;

  beforeAll(async () => {
    await identity.start();
    h = await ExecutionsHarness.start({ IDENTITY_URL: identity.url, WEBHOOK_WAIT_MS: '20000' });
    await h.startWorker();
    alice = await identity.register('alice');
    await identity.createCredential(alice, { name: 'github hook', type: 'WEBHOOK_SECRET', fields: { secret: SECRET } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await identity.stop();
  }, 30_000);

  const signedHook = async (credential = 'github hook') => {
    const path = `signed/${randomUUID()}`;
    const flowId = randomUUID();
    h.putFlow(alice, flowId, {
      nodes: [node('hook', 'trigger.webhook', { path, signature: { credential } }), node('out', 'output', { expression: '$input.body.action' })],
      edges: [edge('hook', 'out')],
    });
    await h.sync(alice, flowId);
    return { path, flowId };
  };
  const github = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const deliver = (path: string, body: string, signature?: string) =>
    forwardWebhook(h.url, path, { body, headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...(signature ? { 'x-hub-signature-256': signature } : {}) } });
  const runsOf = async (flowId: string) => (await h.executionIds(alice, { flowId })).ids;

  it('accepts a GitHub-style delivery signed over its raw bytes', async () => {
    const { path, flowId } = await signedHook();
    const body = '{"action": "opened",  "number": 1}';
    const answer = await deliver(path, body, github(body));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toBe('opened');
    expect(await runsOf(flowId)).toHaveLength(1);
  });

  it('answers 401 to a tampered body, a wrong secret or no signature, and creates no run', async () => {
    const { path, flowId } = await signedHook();
    const body = '{"action":"opened"}';
    const tampered = await deliver(path, '{"action":"closed"}', github(body));
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await deliver(path, body, github(body, 'not-the-secret'))).status).toBe(401);
    expect((await deliver(path, body)).status).toBe(401);
    expect(await runsOf(flowId)).toEqual([]);
  });

  it('refuses every request when the named credential does not exist, instead of running unchecked', async () => {
    const { path, flowId } = await signedHook('no such secret');
    const body = '{"action":"opened"}';
    expect((await deliver(path, body, github(body))).status).toBe(500);
    expect(await runsOf(flowId)).toEqual([]);
  });
});
