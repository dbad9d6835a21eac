import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** PostgreSQL the tests use: real, local, trust auth. TEST_DATABASE_URL overrides. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A throwaway DATABASE_URL for one test file. Each subgraph opened with it creates its own
 * database `<name>_<subgraph>`; `drop()` removes every database of this run.
 */
export function throwawayDatabase(label = 'test'): { url: string; drop: () => Promise<void> } {
  const name = `omt_${label.replace(/\W/g, '').slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${name}%`]);
        for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A Redis key prefix unique to one test run, so tests never touch each other's (or a running platform's) keys. */
export function throwawayRedisPrefix(label = 'test'): string {
  return `omt-test:${label}:${randomBytes(4).toString('hex')}`;
}

export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Deletes every key under `prefix:` (SCAN + UNLINK, never FLUSHALL), so a test run leaves nothing
 * behind on a Redis it shares with a running platform. Returns how many keys went.
 */
export async function deleteRedisKeysUnder(prefix: string, url = testRedisUrl): Promise<number> {
  if (!prefix.startsWith('omt-test:')) throw new Error(`refusing to delete keys outside a throwaway test prefix: ${prefix}`);
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined); // surfaces as the failed command below
  let deleted = 0;
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** The fields of the hash at `key` (a BullMQ job, say: which worker processed it), {} when there is none. */
export async function readRedisHash(key: string, url = testRedisUrl): Promise<Record<string, string>> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined); // surfaces as the failed command below
  try {
    return await redis.hgetall(key);
  } finally {
    redis.disconnect();
  }
}
