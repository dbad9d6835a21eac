import { CompiledQuery, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { RecentlyUsed } from '../recently-used';

/** Statements a SQLite connection keeps prepared, the most recently used. */
const KEPT_STATEMENTS = 500;

/**
 * Kysely's SQLite dialect (as MikroORM's SQLite driver builds it) on a better-sqlite3 connection
 * to `file` that keeps its statements prepared by their SQL text: Kysely prepares every query anew,
 * which was 8-11 % of each process's CPU on the embedded database. A kept statement serves one
 * query at a time, as Kysely runs one query at a time on a connection. `pragmas` run on the
 * connection when it is made.
 */
export async function sqliteDialect(file: string, pragmas: readonly string[]): Promise<SqliteDialect> {
  const { default: Database } = await import('better-sqlite3');
  return new SqliteDialect({
    database: () => {
      const connection = new Database(file);
      const statements = new RecentlyUsed<string, SqliteStatement>(KEPT_STATEMENTS);
      const database: SqliteDatabase = {
        prepare: (sql) => statements.getOrCreate(sql, () => connection.prepare(sql)),
        close: () => connection.close(),
      };
      return Promise.resolve(database);
    },
    onCreateConnection: async (connection) => {
      for (const pragma of pragmas) await connection.executeQuery(CompiledQuery.raw(pragma));
    },
  });
}
