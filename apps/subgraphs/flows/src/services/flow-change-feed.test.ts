import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, decodeFlowChange, flowChangesKey, type FlowChange } from '@omnitron/server-kit';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { PendingFlowChange } from '../entities/pending-flow-change.entity';
import { FlowChangeFeed } from './flow-change-feed';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

const CREATE = `mutation ($input: FlowInput!) { createFlow(input: $input) { id version } }`;
const UPDATE = `mutation ($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { version } }`;
const DELETE = `mutation ($id: ID!) { deleteFlow(id: $id) }`;
const RESTORE = `mutation ($id: ID!) { restoreFlow(id: $id) { version } }`;
const FROM_TEMPLATE = `mutation ($t: ID!) { createFlowFromTemplate(templateId: $t) { id } }`;

describe('flows: FlowChange events on the flow-change stream', () => {
  let kit: FlowsTestKit;
  let redis: Redis;
  const alice = callerOf(randomUUID());

  beforeAll(async () => {
    kit = await startFlows();
    redis = new Redis(testRedisUrl);
  }, 60_000);
  afterAll(async () => {
    await redis?.del(flowChangesKey(kit.flows.config.REDIS_PREFIX));
    redis?.disconnect();
    await kit?.flows.close();
  });

  /** What the outbox holds for a flow (changes committed but not on the stream yet). */
  async function pendingOf(of: FlowsTestKit, flowId: string) {
    return of.flows.subgraph.orm.em.fork().find(PendingFlowChange, { flowId });
  }

  async function changesOf(flowId: string): Promise<FlowChange[]> {
    const entries = await redis.xrange(flowChangesKey(kit.flows.config.REDIS_PREFIX), '-', '+');
    return entries.map(([, fields]) => decodeFlowChange(fields)).filter((c) => c.flowId === flowId);
  }

  it('appends one event per committed create, update, delete and restore, in order', async () => {
    const input = { name: 'announced', ...smallFlow() };
    const { createFlow } = await kit.ok(CREATE, { input }, alice);
    await kit.ok(UPDATE, { id: createFlow.id, input: { ...input, name: 'renamed' } }, alice);
    await kit.ok(DELETE, { id: createFlow.id }, alice);
    await kit.ok(RESTORE, { id: createFlow.id }, alice);
    const changes = await changesOf(createFlow.id);
    expect(changes.map(({ change, version }) => ({ change, version }))).toEqual([
      { change: 'saved', version: 1 },
      { change: 'saved', version: 2 },
      { change: 'deleted', version: 2 },
      { change: 'saved', version: 2 },
    ]);
    for (const change of changes) expect(change).toMatchObject({ workspaceId: alice.workspaceId, actorId: alice.userId, at: expect.any(String) });
  });

  it('announces nothing for a refused save', async () => {
    const { createFlow } = await kit.ok(CREATE, { input: { name: 'guarded', ...smallFlow() } }, alice);
    await kit.fails(UPDATE, { id: createFlow.id, input: { name: 'x', ...smallFlow() } }, callerOf(randomUUID()));
    expect(await changesOf(createFlow.id)).toHaveLength(1);
  });

  it('announces flows created from a template, helper subflows included', async () => {
    const bob = callerOf(randomUUID());
    await kit.ok(FROM_TEMPLATE, { t: 'map-with-subflow' }, bob);
    const { flows } = await kit.ok<{ flows: { edges: Array<{ node: { id: string } }> } }>(`{ flows(first: 10) { edges { node { id } } } }`, {}, bob);
    expect(flows.edges).toHaveLength(2);
    for (const { node } of flows.edges) {
      expect(await changesOf(node.id)).toEqual([expect.objectContaining({ change: 'saved', version: 1, workspaceId: bob.workspaceId })]);
    }
  });

  it('keeps changes Redis refused in the outbox and announces the latest once Redis takes it again', async () => {
    const key = flowChangesKey(kit.flows.config.REDIS_PREFIX);
    const input = { name: 'refused', ...smallFlow() };
    const { createFlow } = await kit.ok(CREATE, { input }, alice);
    await redis.del(key);
    await redis.set(key, 'not a stream'); // every XADD fails with WRONGTYPE
    try {
      await kit.ok(UPDATE, { id: createFlow.id, input: { ...input, name: 'v2' } }, alice);
      await kit.ok(UPDATE, { id: createFlow.id, input: { ...input, name: 'v3' } }, alice);
      expect(await pendingOf(kit, createFlow.id)).toEqual([expect.objectContaining({ version: 3, change: 'saved' })]);
    } finally {
      await redis.del(key);
    }
    await expect.poll(() => changesOf(createFlow.id), { timeout: 20_000, interval: 200 }).toEqual([expect.objectContaining({ version: 3, change: 'saved' })]);
    expect(await pendingOf(kit, createFlow.id)).toEqual([]);
  }, 30_000);

  it('saves while Redis does not answer, and the next process that reaches Redis announces those changes', async () => {
    const offline = await startFlows({ config: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const prefix = throwawayRedisPrefix('outbox');
    let feed: FlowChangeFeed | undefined;
    try {
      const { createFlow } = await offline.ok(CREATE, { input: { name: 'saved anyway', ...smallFlow() } }, alice);
      expect(createFlow.version).toBe(1);
      const { updateFlow } = await offline.ok(UPDATE, { id: createFlow.id, input: { name: 'still saved', ...smallFlow() } }, alice);
      expect(updateFlow.version).toBe(2);
      const { createFlow: doomed } = await offline.ok(CREATE, { input: { name: 'deleted offline', ...smallFlow() } }, alice);
      await offline.ok(DELETE, { id: doomed.id }, alice);
      // As if the offline process had died: another one, on a reachable Redis, drains the outbox.
      feed = new FlowChangeFeed(testRedisUrl, prefix, offline.flows.subgraph.orm, createLogger('flows', 'silent'), { appendTimeoutMs: 300, retryEveryMs: 100 });
      const stream = async () => (await redis.xrange(flowChangesKey(prefix), '-', '+')).map(([, fields]) => decodeFlowChange(fields));
      await expect
        .poll(async () => (await stream()).map(({ flowId, version, change }) => ({ flowId, version, change })), { timeout: 10_000, interval: 100 })
        .toEqual([
          { flowId: createFlow.id, version: 2, change: 'saved' },
          { flowId: doomed.id, version: 1, change: 'deleted' },
        ]);
      expect(await feed.pending()).toBe(0);
    } finally {
      await feed?.close();
      await redis.del(flowChangesKey(prefix));
      await offline.flows.close();
    }
  }, 60_000);
});
