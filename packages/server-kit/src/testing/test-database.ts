import { randomBytes } from 'node:crypto';
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
