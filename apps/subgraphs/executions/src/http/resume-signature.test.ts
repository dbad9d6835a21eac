import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_WEBHOOK_RESUME_PREFIX, internalWebhookPath } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import { IdentityProcess } from '@omnitron/server-kit/testing';
import { Execution } from '../entities/execution.entity';
import { edge, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { waitFor } from '../test-support/worker-process';

const SECRET = 'resume-secret-5d1e';

/** A wait node's resume URL with a signature check, identity (a real process) holding the secret. */
describe('executions: a signed resume URL', () => {
  const identity = new IdentityProcess();
  let h: ExecutionsHarness;
  let alice: Caller;

  beforeAll(async () => {
    await identity.start();
    h = await ExecutionsHarness.start({ IDENTITY_URL: identity.url });
    await h.startWorker();
    alice = await identity.register('alice');
    await identity.createCredential(alice, { name: 'approver hook', type: 'WEBHOOK_SECRET', fields: { secret: SECRET } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await identity.stop();
  }, 30_000);

  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const post = (link: string, body: string, signature?: string) => {
    const token = link.split('/').at(-1)!;
    const target = `${h.url.replace(/\/graphql$/, '')}${internalWebhookPath(token, INTERNAL_WEBHOOK_RESUME_PREFIX)}`;
    return forwardWebhook(h.url, token, { target, body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) } });
  };

  it('refuses an unsigned or wrongly signed call with 401 and leaves the run waiting; a signed one resumes it', async () => {
    const flowId = 'f1000000-0000-4000-8000-000000000001';
    h.putFlow(alice, flowId, {
      nodes: [
        node('start', 'trigger.manual'),
        node('link', 'transform', { expression: '$resume.hold' }),
        node('hold', 'wait', { mode: 'webhook', signature: { credential: 'approver hook' } }),
        node('out', 'output', { expression: '$.ok' }),
      ],
      edges: [edge('start', 'link'), edge('link', 'hold'), edge('hold', 'out', 'out')],
    });
    const { id } = await h.start(alice, flowId);
    await waitFor(async () => (await h.runtime.orm.em.fork().findOneOrFail(Execution, { id }, { fields: ['status'] })).status === 'WAITING', 30_000, 'the run to wait');
    const link = nodeRunOf((await h.execution(alice, id))!, 'link').output as string;
    const body = '{"ok": "signed"}';

    const unsigned = await post(link, body);
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await post(link, body, sign(body, 'not the secret'))).status).toBe(401);
    expect((await h.execution(alice, id))?.status).toBe('WAITING');

    expect((await post(link, body, sign(body))).status).toBe(202);
    expect(await h.settled(alice, id, 30_000)).toMatchObject({ status: 'SUCCEEDED', output: 'signed' });
  }, 90_000);
});
