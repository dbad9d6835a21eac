import { MikroORM, type AnyEntity, type IDatabaseDriver, type Options, type EntityClass, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withoutPreparedStatements } from './read-rows';
import { sqliteDialect } from './sqlite-dialect';

export type Entity = EntityClass<AnyEntity> | EntitySchema;

export interface DatabaseOptions {
  /** Subgraph that owns the data: names the SQLite file or the PostgreSQL database. */
  readonly subgraph: string;
  readonly entities: readonly Entity[];
  /** Ordered migrations, applied on open. */
  readonly migrations: readonly MigrationObject[];
  /** PostgreSQL URL; the database used is `<path>_<subgraph>`. Unset: SQLite under dataDir. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** Log each SQL statement through this function (tests count queries with it). */
  readonly onQuery?: (sql: string) => void;
  /** Let `sqlRows` use named statements on PostgreSQL (see DATABASE_PREPARED_STATEMENTS). @default true */
  readonly preparedStatements?: boolean;
  /** SQLite: when commits reach the disk (see SQLITE_SYNCHRONOUS). @default 'normal' */
  readonly sqliteSynchronous?: 'full' | 'normal';
}

/** The database options every process takes from its settings (base config). */
export function databaseSettingsOf(config: {
  readonly DATABASE_URL?: string | undefined;
  readonly DATA_DIR: string;
  readonly DATABASE_PREPARED_STATEMENTS: boolean;
  readonly SQLITE_SYNCHRONOUS: 'full' | 'normal';
}): Pick<DatabaseOptions, 'databaseUrl' | 'dataDir' | 'preparedStatements' | 'sqliteSynchronous'> {
  return { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, preparedStatements: config.DATABASE_PREPARED_STATEMENTS, sqliteSynchronous: config.SQLITE_SYNCHRONOUS };
}

/** The PostgreSQL database a subgraph uses for a given DATABASE_URL. */
export function postgresDatabaseName(databaseUrl: string, subgraph: string): string {
  const base = new URL(databaseUrl).pathname.replace(/^\//, '') || 'omnitron';
  return `${base}_${subgraph}`;
}

/**
 * The driver of the engine in use, loaded only then: each engine's driver (with its client library,
 * pg or better-sqlite3) is several MB of every process's memory, and a process uses one engine.
 */
async function driverOptions(options: DatabaseOptions): Promise<Partial<Options<IDatabaseDriver>>> {
  if (options.databaseUrl) {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    const url = new URL(options.databaseUrl);
    const dbName = postgresDatabaseName(options.databaseUrl, options.subgraph);
    url.pathname = `/${dbName}`;
    return { driver: PostgreSqlDriver, clientUrl: url.toString(), dbName, pool: { min: 0, max: 10 } };
  }
  const { SqliteDriver } = await import('@mikro-orm/sqlite');
  mkdirSync(options.dataDir, { recursive: true });
  const dbName = join(options.dataDir, `${options.subgraph}.db`);
  // A write-ahead log (the API and the workers share the executions file: readers no longer block
  // its writer, and a commit appends to the log instead of syncing a rollback journal and the
  // file, several fsyncs that held the event loop); made on every connection, whenever it is.
  const pragmas = ['pragma journal_mode = wal', `pragma synchronous = ${options.sqliteSynchronous ?? 'normal'}`];
  return { driver: SqliteDriver, dbName, driverOptions: await sqliteDialect(dbName, pragmas) };
}

/** Opens the subgraph's database (creating it if needed) and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init<IDatabaseDriver>({
    ...(await driverOptions(options)),
    entities: [...options.entities],
    extensions: [Migrator],
    ensureDatabase: { create: false },
    migrations: { migrationsList: [...options.migrations], transactional: true, allOrNothing: true, snapshot: false, silent: true },
    allowGlobalContext: false,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
  });
  await orm.migrator.up();
  if (options.preparedStatements === false) withoutPreparedStatements(orm);
  return orm;
}

/** `ready` for health checks: the database answers a trivial query. */
export async function databaseAnswers(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
