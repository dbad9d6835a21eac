import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import pg from 'pg';
import { dropDatabases } from './throwaway-stores';

/**
 * Where a bench run's platform keeps its data (BENCH_DATABASE): throwaway PostgreSQL databases
 * (`<name>_<subgraph>` on BENCH_POSTGRES_URL's server), or the embedded default `npm start` uses,
 * one SQLite file per subgraph in the run's DATA_DIR. The bench reads a few counts from it to
 * check what the platform stored.
 */
export interface BenchDatabase {
  /** As the report names it. */
  readonly label: string;
  /** What the launcher is given (DATABASE_URL, or nothing for SQLite). */
  readonly env: Readonly<Record<string, string>>;
  /** The one row of a read-only `select` of counts on a subgraph's own database, as numbers. */
  counts(subgraph: string, sql: string): Promise<Record<string, number>>;
  /** Removes what the run created (SQLite files go with DATA_DIR); what was dropped. */
  drop(): Promise<string[]>;
}

export function postgresBenchDatabase(adminUrl: string, name: string): BenchDatabase {
  const urlOf = (database: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: urlOf(name) },
    async counts(subgraph, sql) {
      const client = new pg.Client({ connectionString: urlOf(`${name}_${subgraph}`) });
      await client.connect();
      try {
        return numbers((await client.query(sql)).rows[0]);
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabases(adminUrl, name),
  };
}

export function sqliteBenchDatabase(dataDir: string): BenchDatabase {
  return {
    label: 'SQLite (embedded)',
    env: {},
    async counts(subgraph, sql) {
      const db = new DatabaseSync(join(dataDir, `${subgraph}.db`), { readOnly: true });
      try {
        return numbers(db.prepare(sql).get());
      } finally {
        db.close();
      }
    },
    drop: async () => [],
  };
}

function numbers(row: unknown): Record<string, number> {
  if (typeof row !== 'object' || row === null) throw new Error('the count query returned no row');
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}
