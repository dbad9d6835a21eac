import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from './test-database';

const redis = new Redis(testRedisUrl);
afterAll(() => redis.disconnect());

describe('deleteRedisKeysUnder', () => {
  it("removes every key under a test run's prefix and nothing beside it", async () => {
    const prefix = throwawayRedisPrefix('cleanup');
    const neighbour = `${prefix}x`; // shares the text, not the prefix
    const keys = Array.from({ length: 1_200 }, (_, i) => `${prefix}:k:${i}`);
    await redis.mset(...keys.flatMap((k) => [k, '1']), `${neighbour}:kept`, '1');
    await redis.xadd(`${prefix}:stream`, '*', 'f', 'v');
    try {
      expect(await deleteRedisKeysUnder(prefix)).toBe(1_201);
      expect(await redis.exists(...keys.slice(0, 10), `${prefix}:stream`)).toBe(0);
      expect(await redis.get(`${neighbour}:kept`)).toBe('1');
    } finally {
      await redis.del(`${neighbour}:kept`);
    }
  });

  it('refuses a prefix that is not a throwaway test prefix', async () => {
    await expect(deleteRedisKeysUnder('omnitron:0123456789')).rejects.toThrow(/outside a throwaway test prefix/);
  });
});
