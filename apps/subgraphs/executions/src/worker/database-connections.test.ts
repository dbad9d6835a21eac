import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '@omnitron/server-kit/testing';
import { DatabaseConnections } from './database-connections';

/** A URL that tags its sessions, so the test finds exactly its own statements in pg_stat_activity. */
const tag = `omt-dbq-${randomBytes(3).toString('hex')}`;
const url = (() => {
  const u = new URL(testPostgresUrl);
  u.searchParams.set('application_name', tag);
  return u.toString();
})();

async function runningStatements(): Promise<string[]> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ query: string }>("select query from pg_stat_activity where application_name = $1 and state = 'active'", [tag]);
    return rows.map((r) => r.query);
  } finally {
    await admin.end();
  }
}

describe('DatabaseConnections (database.query)', () => {
  const connections = new DatabaseConnections({ reports: url }, 2);
  afterAll(() => connections.close());

  it('runs parameterised SQL on a configured connection', async () => {
    const result = await connections.query('reports', 'select $1::int + 1 as n union all select 7', [41]);
    expect(result).toEqual({ rows: [{ n: 42 }, { n: 7 }], rowCount: 2 });
  });

  it('names an unknown connection without touching any database', async () => {
    await expect(connections.query('nope', 'select 1', [])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'No database connection named "nope" is configured' });
  });

  it('cancels the statement on the server when the run gives up on it, and the pool stays usable', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const query = connections.query('reports', 'select pg_sleep(30)', [], controller.signal);
    await expect.poll(runningStatements, { timeout: 5_000, interval: 50 }).toContain('select pg_sleep(30)');
    controller.abort(new Error('run cancelled'));
    await expect(query).rejects.toThrow('run cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect.poll(runningStatements, { timeout: 5_000, interval: 50 }).toEqual([]);
    // Both pooled sessions still work after the cancelled one was retired.
    const after = await Promise.all([connections.query('reports', 'select 1 as one', []), connections.query('reports', 'select 2 as two', [])]);
    expect(after.map((r) => r.rows[0])).toEqual([{ one: 1 }, { two: 2 }]);
  });

  it('does not start a statement for a run that is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already cancelled'));
    await expect(connections.query('reports', 'select pg_sleep(30)', [], controller.signal)).rejects.toThrow('already cancelled');
  });
});
