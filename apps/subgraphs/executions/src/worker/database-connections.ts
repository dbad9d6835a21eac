import pg from 'pg';
import { NodeError } from '@omnitron/nodes';

/** What `database.query` gets back. */
export interface QueryResult {
  readonly rows: unknown[];
  readonly rowCount: number;
}

/**
 * The connections `database.query` nodes may use (`DATABASE_CONNECTIONS`), one small pool each.
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

  async query(connection: string, sql: string, params: unknown[], signal?: AbortSignal): Promise<QueryResult> {
    const url = this.urls[connection];
    if (!url) throw new NodeError('SERVICE_UNAVAILABLE', `No database connection named "${connection}" is configured`, { retryable: false });
    signal?.throwIfAborted();
    const client = await this.pool(connection, url).connect();
    let cancelling: Promise<void> | undefined;
    const onAbort = () => {
      cancelling = cancelBackend(url, backendPid(client));
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

  private pool(connection: string, url: string): pg.Pool {
    let pool = this.pools.get(connection);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: this.poolSize });
      // An idle client that loses its server must not crash the worker.
      pool.on('error', () => undefined);
      this.pools.set(connection, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }
}

/** The server process of a session (set by pg from BackendKeyData; absent from its type definitions). */
const backendPid = (client: pg.PoolClient): number | undefined => (client as pg.PoolClient & { processID?: number | null }).processID ?? undefined;

/** Asks the server to cancel whatever session `pid` is running; best effort, never throws. */
async function cancelBackend(url: string, pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  const canceller = new pg.Client({ connectionString: url });
  try {
    await canceller.connect();
    await canceller.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement may have ended on its own, or the server is gone: nothing left to cancel.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}
