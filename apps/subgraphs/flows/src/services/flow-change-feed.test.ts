import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, decodeFlowChange, flowChangesKey, type FlowChange } from '@omnitron/server-kit';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
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

  it('keeps a change Redis refused and announces it once Redis takes it again (latest per flow)', async () => {
    const prefix = throwawayRedisPrefix('feed');
    const key = flowChangesKey(prefix);
    const feed = new FlowChangeFeed(testRedisUrl, prefix, createLogger('flows', 'silent'), { retryEveryMs: 100 });
    try {
      await redis.set(key, 'not a stream'); // every XADD fails with WRONGTYPE
      const flowId = randomUUID();
      const change = { flowId, workspaceId: alice.workspaceId, change: 'saved' as const, actorId: alice.userId };
      await feed.announce({ ...change, version: 1 });
      await feed.announce({ ...change, version: 2 });
      expect(feed.waiting).toBe(1);
      await redis.del(key);
      const deadline = Date.now() + 10_000;
      while (feed.waiting > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const entries = (await redis.xrange(key, '-', '+')).map(([, fields]) => decodeFlowChange(fields));
      expect(entries).toEqual([expect.objectContaining({ flowId, version: 2, change: 'saved' })]);
    } finally {
      await feed.close();
      await redis.del(key);
    }
  });

  it('still saves when Redis does not answer', async () => {
    const offline = await startFlows({ config: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const { createFlow } = await offline.ok(CREATE, { input: { name: 'saved anyway', ...smallFlow() } }, alice);
      expect(createFlow.version).toBe(1);
      const { updateFlow } = await offline.ok(UPDATE, { id: createFlow.id, input: { name: 'still saved', ...smallFlow() } }, alice);
      expect(updateFlow.version).toBe(2);
    } finally {
      await offline.flows.close();
    }
  }, 30_000);
});
