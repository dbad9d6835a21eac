import { Redis } from 'ioredis';
import pg from 'pg';

/** Drops every database whose name starts with `name` (the subgraphs create `<name>_<subgraph>`). */
export async function dropDatabases(adminUrl: string, name: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where left(datname, $1) = $2', [name.length, name]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname.replaceAll('"', '""')}" with (force)`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** Deletes this run's keys (SCAN + UNLINK under our prefix only; never FLUSHALL). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
