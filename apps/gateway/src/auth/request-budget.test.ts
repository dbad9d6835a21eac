import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { RequestBudget } from './request-budget';

const prefix = throwawayRedisPrefix('budget');
const redis = new Redis(testRedisUrl);
afterAll(async () => {
  await deleteRedisKeysUnder(prefix, testRedisUrl);
  redis.disconnect();
});

let users = 0;
const newCaller = (): Caller => ({ userId: `00000000-0000-4000-8000-${String(++users).padStart(12, '0')}`, workspaceId: '22222222-2222-4222-8222-222222222222', role: 'viewer', scopes: null });

/** The shared connection, counting the lease scripts sent through it. */
function countingRedis(): { redis: Redis; evals: () => number } {
  let evals = 0;
  const counting = new Proxy(redis, {
    get(target, name, receiver) {
      if (name === 'eval') evals++;
      const value = Reflect.get(target, name, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { redis: counting, evals: () => evals };
}

/** Spends until refused (at most `limit` tries); answers how many were granted. */
async function grantedOf(budget: RequestBudget, caller: Caller, limit: number): Promise<number> {
  let granted = 0;
  for (let i = 0; i < limit; i++) {
    try {
      await budget.spend(caller, '192.0.2.7');
      granted++;
    } catch (error) {
      expect(error).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    }
  }
  return granted;
}

describe('RequestBudget', () => {
  it('grants exactly the budget across replicas sharing Redis, concurrent requests included', async () => {
    const caller = newCaller();
    const replicas = [new RequestBudget(redis, prefix, 100), new RequestBudget(redis, prefix, 100), new RequestBudget(redis, prefix, 100)];
    const outcomes = await Promise.allSettled(Array.from({ length: 150 }, (_, i) => replicas[i % 3]!.spend(caller, '192.0.2.7')));
    const granted = outcomes.filter((o) => o.status === 'fulfilled').length;
    // Leases never grant past the shared count; a replica's unspent lease may refuse a few early.
    expect(granted).toBeLessThanOrEqual(100);
    expect(granted).toBeGreaterThanOrEqual(100 - 3 * 5);
    expect(await redis.get(`${prefix}:rl:gateway:${RequestBudget.keyOf(caller, '')}`)).not.toBeNull();
  });

  it('counts a lone replica exactly and refuses from memory once the budget is spent', async () => {
    const caller = newCaller();
    const counted = countingRedis();
    const budget = new RequestBudget(counted.redis, prefix, 40);
    expect(await grantedOf(budget, caller, 40)).toBe(40);
    const spent = counted.evals();
    expect(await grantedOf(budget, caller, 5)).toBe(0);
    expect(counted.evals()).toBe(spent + 1); // the one lease that found the count used up
  });

  it('takes leases of growing size: far fewer Redis round trips than requests', async () => {
    const counted = countingRedis();
    expect(await grantedOf(new RequestBudget(counted.redis, prefix, 10_000), newCaller(), 1_000)).toBe(1_000);
    expect(counted.evals()).toBeLessThan(20);
  });

  it('spends several units at once, all or none: what is left stays for smaller requests', async () => {
    const caller = newCaller();
    const replicas = [new RequestBudget(redis, prefix, 10), new RequestBudget(redis, prefix, 10)];
    await replicas[0]!.spend(caller, '192.0.2.7', 5);
    await replicas[1]!.spend(caller, '192.0.2.7', 2);
    await expect(replicas[0]!.spend(caller, '192.0.2.7', 5)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(await grantedOf(replicas[0]!, caller, 5)).toBe(3);
    expect(Number(await redis.get(`${prefix}:rl:gateway:${RequestBudget.keyOf(caller, '')}`))).toBeGreaterThanOrEqual(10);
  });

  it('spends several units at once in the in-memory stand-in too', async () => {
    const broken = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    broken.on('error', () => {});
    const budget = new RequestBudget(broken, prefix, 6);
    const caller = newCaller();
    await budget.spend(caller, '192.0.2.7', 5);
    await expect(budget.spend(caller, '192.0.2.7', 2)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    broken.disconnect();
  });

  it('stands in with an in-memory budget when Redis fails', async () => {
    const broken = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    broken.on('error', () => {});
    const budget = new RequestBudget(broken, prefix, 3);
    const caller = newCaller();
    expect(await grantedOf(budget, caller, 5)).toBe(3);
    broken.disconnect();
  });
});
