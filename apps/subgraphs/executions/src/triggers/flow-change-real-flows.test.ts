import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { schedulerId } from '../queue/run-queue';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { FlowsProcess } from '../test-support/flows-process';
import { ExecutionsHarness } from '../test-support/harness';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Saves in the real flows subgraph (a child process) reach the triggers with no call in between. */
describe('executions triggers follow saves in the real flows subgraph', () => {
  const flows = new FlowsProcess();
  const flowsDb = throwawayDatabase('fcreal');
  const prefix = throwawayRedisPrefix('fcreal');
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    await flows.start({ DATABASE_URL: flowsDb.url, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-fcreal-')) });
    h = await ExecutionsHarness.start({ FLOWS_URL: flows.url }, { REDIS_PREFIX: prefix });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await flows.stop();
    await flowsDb.drop();
  }, 30_000);

  /** The flow's registrations once there are `count` of them (or what there is after the wait). */
  const registrationsOf = (flowId: string, count: number) =>
    eventually(() => h.runtime.orm.em.fork().find(TriggerRegistration, { flowId }, { orderBy: { nodeId: 'asc' } }), (rows) => rows.length === count);
  const schedulersOf = async (flowId: string) =>
    (await h.runtime.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith(schedulerId(flowId, ''))).map((s) => s.key);

  it('registers a saved flow’s schedule and webhook, follows an edit, and drops them on delete', async () => {
    const path = `hooks/${randomBytes(4).toString('hex')}`;
    const id = await flows.createFlow(alice, 'nightly and on demand', {
      nodes: [node('tick', 'trigger.schedule', { cron: '0 3 * * *' }), node('hook', 'trigger.webhook', { path }), node('out', 'output')],
      edges: [edge('tick', 'out'), edge('hook', 'out')],
    });
    const created = await registrationsOf(id, 2);
    expect(created.map((r) => [r.nodeId, r.kind, r.registeredBy])).toEqual([
      ['hook', 'webhook', alice.userId],
      ['tick', 'schedule', alice.userId],
    ]);
    expect(await schedulersOf(id)).toEqual([schedulerId(id, 'tick')]);

    await flows.updateFlow(alice, id, 'on demand', { nodes: [node('hook', 'trigger.webhook', { path }), node('out', 'output')], edges: [edge('hook', 'out')] });
    expect((await registrationsOf(id, 1)).map((r) => r.nodeId)).toEqual(['hook']);
    expect(await schedulersOf(id)).toEqual([]);

    await flows.request(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id }, alice);
    expect(await registrationsOf(id, 0)).toEqual([]);
  }, 60_000);
});
