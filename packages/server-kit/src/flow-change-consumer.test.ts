import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowChangeConsumer } from './flow-change-consumer';
import { encodeFlowChange, flowChangesKey, type FlowChange } from './flow-change-contract';
import { createLogger } from './logger';
import { testRedisUrl, throwawayRedisPrefix } from './testing';

const log = createLogger('flow-change-consumer-test', 'silent');
const redis = new Redis(testRedisUrl);
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await redis.del(flowChangesKey(prefix));
  redis.disconnect();
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const change = (): FlowChange => ({ flowId: randomUUID(), workspaceId: randomUUID(), version: 3, change: 'saved', at: new Date().toISOString(), actorId: randomUUID() });

describe('FlowChangeConsumer', () => {
  it('retries a change whose handler failed after claimIdleMs, and drops a malformed one without handling it', async () => {
    const prefix = throwawayRedisPrefix('fcc');
    prefixes.push(prefix);
    const seen: FlowChange[] = [];
    const consumer = new FlowChangeConsumer({
      redisUrl: testRedisUrl,
      redisPrefix: prefix,
      group: 'test-group',
      claimIdleMs: 300,
      log,
      handle: async (c) => {
        seen.push(c);
        if (seen.length === 1) throw new Error('flows unreachable');
      },
    });
    await consumer.start();
    try {
      const sent = change();
      await redis.xadd(flowChangesKey(prefix), '*', ...encodeFlowChange(sent));
      await redis.xadd(flowChangesKey(prefix), '*', 'flowId', 'not-a-uuid', 'change', 'renamed');
      const pending = async () => ((await redis.xpending(flowChangesKey(prefix), 'test-group')) as [number])[0];
      await until('the failed change to be handled again and everything acknowledged', async () => seen.length === 2 && (await pending()) === 0);
      expect(seen).toEqual([sent, sent]);
    } finally {
      await consumer.close();
    }
  });

  it('gives up on a change after maxDeliveries failed attempts', async () => {
    const prefix = throwawayRedisPrefix('fcc');
    prefixes.push(prefix);
    let attempts = 0;
    const consumer = new FlowChangeConsumer({
      redisUrl: testRedisUrl,
      redisPrefix: prefix,
      group: 'test-group',
      claimIdleMs: 200,
      maxDeliveries: 3,
      log,
      handle: async () => {
        attempts++;
        throw new Error('never works');
      },
    });
    await consumer.start();
    try {
      await redis.xadd(flowChangesKey(prefix), '*', ...encodeFlowChange(change()));
      const pending = async () => ((await redis.xpending(flowChangesKey(prefix), 'test-group')) as [number])[0];
      await until('the change to be given up on', async () => attempts > 0 && (await pending()) === 0);
      expect(attempts).toBe(3);
    } finally {
      await consumer.close();
    }
  });

  it('lets its process start and stop while Redis does not answer', async () => {
    const consumer = new FlowChangeConsumer({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: throwawayRedisPrefix('fcc'), group: 'g', log, handle: async () => undefined });
    await consumer.start();
    await consumer.close();
  }, 10_000);
});
