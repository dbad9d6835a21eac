import type pg from 'pg';
import { NodeError } from '@omnitron/nodes';

/** What `database.query` gets back. */
export interface QueryResult {
  readonly rows: unknown[];
  readonly rowCount: number;
}

/** Where a statement runs: a pool per `key` (a credential's id and version, or a listed name). */
export interface DatabaseTarget {
  readonly key: string;
  readonly config: pg.ClientConfig;
}

/**
 * The connections `database.query` nodes use, one small pool each: a workspace's POSTGRES
 * credentials (`queryOn`), and the names the operator lists in `DATABASE_CONNECTIONS` (`query`).
 * Cancelling the run (or the node's timeout) cancels the statement on the database server too:
 * `pg_cancel_backend` on the session running it, from a separate connection, so a long query does
 * not keep running (and holding locks) after the run has given up on it.
 */
export class DatabaseConnections {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(
    private readonly urls: Readonly<Record<string, string>>,
    private readonly poolSize = 4,
  ) {}

  /** True when the operator lists `connection` in DATABASE_CONNECTIONS. */
  lists(connection: string): boolean {
    return Object.hasOwn(this.urls, connection);
  }

  async query(connection: string, sql: string, params: unknown[], signal?: AbortSignal): Promise<QueryResult> {
    const url = this.urls[connection];
    if (!url) throw new NodeError('SERVICE_UNAVAILABLE', `No database connection named "${connection}" is configured`, { retryable: false });
    return this.queryOn({ key: `listed:${connection}`, config: { connectionString: url } }, sql, params, signal);
  }

  async queryOn(target: DatabaseTarget, sql: string, params: unknown[], signal?: AbortSignal): Promise<QueryResult> {
    signal?.throwIfAborted();
    const client = await (await this.pool(target)).connect();
    let cancelling: Promise<void> | undefined;
    const onAbort = () => {
      cancelling = cancelBackend(target.config, backendPid(client));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await client.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // A cancel that arrives late must not hit the next statement on this session: wait for it and
      // retire the connection instead of returning it to the pool.
      if (cancelling) await cancelling;
      client.release(cancelling !== undefined);
    }
  }

  private async pool(target: DatabaseTarget): Promise<pg.Pool> {
    let pool = this.pools.get(target.key);
    if (!pool) {
      const { Pool } = await loadPg();
      // Looked up again: another query may have made it while pg was loading.
      pool = this.pools.get(target.key);
      if (pool) return pool;
      this.retireOtherVersions(target.key);
      pool = new Pool({ ...target.config, max: this.poolSize });
      // An idle client that loses its server must not crash the worker.
      pool.on('error', () => undefined);
      this.pools.set(target.key, pool);
    }
    return pool;
  }

  /** A rotated credential (`cred:<id>:<version>`) gets a new pool; the old version's pool is ended. */
  private retireOtherVersions(key: string): void {
    const family = key.replace(/[^:]*$/, '');
    if (!family.startsWith('cred:')) return;
    for (const [other, pool] of this.pools) {
      if (other !== key && other.startsWith(family)) {
        this.pools.delete(other);
        void pool.end().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }
}

/**
 * pg, loaded by the first `database.query` run: a worker that never runs one (and, on SQLite, uses
 * no PostgreSQL itself) does not hold the client library in memory.
 */
const loadPg = async (): Promise<typeof pg> => (await import('pg')).default;

/** The server process of a session (set by pg from BackendKeyData; absent from its type definitions). */
const backendPid = (client: pg.PoolClient): number | undefined => (client as pg.PoolClient & { processID?: number | null }).processID ?? undefined;

/** Asks the server to cancel whatever session `pid` is running; best effort, never throws. */
async function cancelBackend(config: pg.ClientConfig, pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  const canceller = new (await loadPg()).Client(config);
  try {
    await canceller.connect();
    await canceller.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement may have ended on its own, or the server is gone: nothing left to cancel.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
