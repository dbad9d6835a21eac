import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFlowChange, flowChangesKey, FlowChangeGroup, type FlowChange } from '@omnitron/server-kit';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { schedulerId } from '../queue/run-queue';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness } from '../test-support/harness';

const GROUP = FlowChangeGroup.executionsTriggers;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const scheduledFlow = () => ({
  nodes: [node('tick', 'trigger.schedule', { cron: '0 0 1 1 *' }), node('out', 'output')],
  edges: [edge('tick', 'out')],
});

describe('executions: triggers follow the flow-change stream', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const key = () => flowChangesKey(h.config.REDIS_PREFIX);

  beforeAll(async () => {
    // Short claim idle so a dead consumer's change moves on within the test.
    h = await ExecutionsHarness.start({ FLOW_CHANGES_CLAIM_IDLE_MS: '400' });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const changeOf = (flowId: string, change: FlowChange['change'] = 'saved'): FlowChange => ({
    flowId,
    workspaceId: alice.workspaceId,
    version: 1,
    change,
    at: new Date().toISOString(),
    actorId: alice.userId,
  });
  const announce = async (change: FlowChange): Promise<string> => (await h.runtime.redis.xadd(key(), '*', ...encodeFlowChange(change)))!;

  /** Resolves once the group has read up to `entryId` and acknowledged everything it read. */
  const handled = (entryId: string) =>
    waitFor(`entry ${entryId} to be handled`, async () => {
      const groups = (await h.runtime.redis.xinfo('GROUPS', key())) as unknown[][];
      const group = groups.map((g) => Object.fromEntries(Array.from({ length: g.length / 2 }, (_, i) => [g[2 * i], g[2 * i + 1]]))).find((g) => g.name === GROUP);
      const [pending] = (await h.runtime.redis.xpending(key(), GROUP)) as [number];
      return group?.['last-delivered-id'] === entryId && pending === 0;
    });
  const schedulersOf = async (flowId: string) =>
    (await h.runtime.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith(schedulerId(flowId, '')));

  it('creates exactly one job scheduler for a saved flow with a schedule trigger, however often it is announced', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, scheduledFlow());
    await handled(await announce(changeOf(flowId)));
    expect((await schedulersOf(flowId)).map((s) => s.key)).toEqual([schedulerId(flowId, 'tick')]);
    await handled(await announce(changeOf(flowId)));
    expect(await schedulersOf(flowId)).toHaveLength(1);

    // Read as the workspace, signed as the user who saved, with the owner role.
    expect(h.flows.callers).toContainEqual({ userId: alice.userId, workspaceId: alice.workspaceId, role: 'owner', scopes: null });
    const registration = await h.runtime.orm.em.fork().findOneOrFail(TriggerRegistration, { flowId, nodeId: 'tick' });
    expect(registration).toMatchObject({ kind: 'schedule', cron: '0 0 1 1 *', registeredBy: alice.userId, workspaceId: alice.workspaceId });
  });

  it('removes the scheduler when the flow is deleted', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, scheduledFlow());
    await handled(await announce(changeOf(flowId)));
    expect(await schedulersOf(flowId)).toHaveLength(1);
    h.flows.remove(flowId);
    await handled(await announce(changeOf(flowId, 'deleted')));
    expect(await schedulersOf(flowId)).toEqual([]);
    expect(await h.runtime.orm.em.fork().count(TriggerRegistration, { flowId })).toBe(0);
  });

  it('takes over a change a crashed consumer read but never acknowledged, and handles it once', async () => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, scheduledFlow());
    // In one transaction, so the live consumer cannot see the entry before the doomed one takes it.
    const [[, id], [, read]] = (await h.runtime.redis
      .multi()
      .xadd(key(), '*', ...encodeFlowChange(changeOf(flowId)))
      .xreadgroup('GROUP', GROUP, 'crashed-consumer', 'COUNT', 1, 'STREAMS', key(), '>')
      .exec()) as [[null, string], [null, Array<[string, Array<[string, string[]]>]>]];
    expect(read[0]![1].map(([entryId]) => entryId)).toEqual([id]);
    expect(await schedulersOf(flowId)).toEqual([]);

    await handled(id);
    expect(await schedulersOf(flowId)).toHaveLength(1);
    // The same change again (a redelivery after the crash) changes nothing.
    await handled(await announce(changeOf(flowId)));
    expect(await schedulersOf(flowId)).toHaveLength(1);
    expect(await h.runtime.orm.em.fork().count(TriggerRegistration, { flowId })).toBe(1);
  });
});
