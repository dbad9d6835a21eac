import type { EntityManager, EntityMetadata, EntityName, EntityProperty, FilterQuery, Platform, QueryOrderMap } from '@mikro-orm/core';
import type { AbstractSqlConnection, SqlEntityManager } from '@mikro-orm/sql';
import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Pool } from 'pg';
import { RecentlyUsed } from '../recently-used';
import { isPostgres } from './dialect';

export interface ReadRowsOptions<T> {
  /** The properties to read (others stay absent from the rows). */
  readonly fields: readonly (keyof T & string)[];
  readonly orderBy?: QueryOrderMap<T>;
  readonly limit?: number;
}

type Convert = (value: unknown) => unknown;

/**
 * How MikroORM's hydrator turns a column value into the property's JS value: custom types (JSON,
 * ...) through `convertToJSValue`, booleans from 0/1, dates from numbers or text. The driver alone
 * does not: SQLite hands JSON back as text and booleans as integers.
 */
function converterOf(prop: EntityProperty, platform: Platform, timezone: string | undefined): Convert | undefined {
  if (prop.customType) {
    const type = prop.customType;
    return (value) => type.convertToJSValue(value, platform);
  }
  if (prop.runtimeType === 'boolean') return (value) => Boolean(value);
  if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) {
    return (value) => {
      if (value instanceof Date) return value;
      if (typeof value === 'number' || !timezone || timezone === 'local') return new Date(value as string);
      const text = value as string;
      return new Date(text.includes('+') || text.lastIndexOf('-') > 10 || text.endsWith('Z') ? text : `${text}${timezone}`);
    };
  }
  return undefined;
}

/**
 * Rows of `entity` as plain objects with its property names and JS types, not managed entities:
 * for read-only lists, where creating, hydrating and registering every entity in the identity map
 * costs more than the query. Values are converted as the hydrator would (so JSON, booleans and
 * dates read the same on SQLite and PostgreSQL). Nothing read this way can be flushed.
 * Every database `openDatabase` opens is SQL (PostgreSQL or SQLite), so the query builder is there.
 */
export async function readRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, options: ReadRowsOptions<T>): Promise<T[]> {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder(entity).select([...options.fields] as never).where(where as never);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  const rows = (await qb.execute('all', true)) as unknown as Array<Record<string, unknown>>;
  return asProperties(shapeOf(em, entity, options.fields), rows);
}

/** A SELECT of an entity's columns written as SQL: what follows `from <table>`, and its parameters. */
export interface RowSelect<T> {
  /** The properties to read, each from its column (others stay absent from the rows). */
  readonly fields: readonly (keyof T & string)[];
  /** `where ... order by ... limit ?`: column names as the migrations spell them, `?` for each parameter and nowhere else. */
  readonly rest: string;
  readonly params: readonly unknown[];
}

/**
 * `readRows` for a statement whose text the caller writes, sent with bound parameters straight
 * to the driver: no query builder, no identity map, no values spliced into the text. For the hot
 * list reads, where building the same query through the ORM on every request cost more than
 * PostgreSQL took to run it. Rows convert exactly as `readRows`'s do.
 */
export async function selectRows<T extends object>(em: EntityManager, entity: EntityName<T>, select: RowSelect<T>): Promise<T[]> {
  const shape = shapeOf(em, entity, select.fields);
  if (shape.selectList instanceof Error) throw shape.selectList;
  return asProperties(shape, await sqlRows(em, `${shape.selectList} ${select.rest}`, select.params));
}

/**
 * Rows of a SQL statement (`?` for each parameter) run through the driver with bound parameters,
 * inside the EntityManager's transaction when it has one. Dates bind as the ORM stores them
 * (epoch milliseconds on SQLite), booleans as 1/0 on SQLite. Values come back as the driver reads
 * them (JSON as text and booleans as integers on SQLite): `selectRows` converts entity columns.
 */
export async function sqlRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
  const platform = em.getPlatform();
  const postgres = isPostgres(platform);
  const connection = em.getConnection() as unknown as AbstractSqlConnection;
  await connection.ensureConnection();
  const bound = params.map((value) => (value instanceof Date ? platform.processDateProperty(value) : typeof value === 'boolean' && !postgres ? Number(value) : value));
  const transaction = em.getTransactionContext();
  // What the ORM's own queries log (debug or `onQuery`, e.g. tests counting queries), these log too.
  if (em.config.get('debug')) (connection as unknown as { logQuery(sql: string, context: object): void }).logQuery(sql, { params: bound });
  const statement = postgres ? postgresStatements.getOrCreate(sql, () => postgresStatementOf(sql)) : { text: sql, name: '' };
  if (postgres && !transaction && !unprepared.has(em.config)) {
    // A named statement: each pooled connection parses and plans it once, then only binds and runs it.
    const pool = await (connection as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient();
    return (await pool.query({ name: statement.name, text: statement.text, values: bound })).rows as Array<Record<string, unknown>>;
  }
  const executor = (transaction ?? connection.getClient()) as unknown as { executeQuery: ExecuteQuery };
  const result = await executor.executeQuery(CompiledQuery.raw(statement.text, bound));
  return result.rows as Array<Record<string, unknown>>;
}

type ExecuteQuery = (query: CompiledQuery) => Promise<{ rows: unknown[] }>;

/** A statement as PostgreSQL takes it: `$n` placeholders, and the name it is prepared under. */
interface PostgresStatement {
  readonly text: string;
  readonly name: string;
}

/**
 * PostgreSQL statements by the text callers write, made once: the name comes from the text, so
 * every connection agrees on it.
 */
const postgresStatements = new RecentlyUsed<string, PostgresStatement>(1_000);

function postgresStatementOf(sql: string): PostgresStatement {
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  return { text, name: `omt_${createHash('sha256').update(text).digest('hex').slice(0, 32)}` };
}

/** The configurations (one per opened database) whose `sqlRows` send unnamed statements only. */
const unprepared = new WeakSet<object>();

/** `sqlRows` on this database sends every statement unnamed (parsed and planned each time). */
export function withoutPreparedStatements(orm: { readonly config: object }): void {
  unprepared.add(orm.config);
}

/** How a field list of an entity reads: its SELECT up to and with `from` (for `selectRows`, which needs a column for every field), and the columns to convert. */
interface RowShape {
  /** Why there is none when a field has no column of its own. */
  readonly selectList: string | Error;
  readonly converters: ReadonlyArray<readonly [string, Convert]>;
}

/** Shapes by entity (one metadata per opened database, so one platform) and field list, made once. */
const shapes = new WeakMap<EntityMetadata, Map<string, RowShape>>();

function shapeOf<T extends object>(em: EntityManager, entity: EntityName<T>, fields: readonly string[]): RowShape {
  const meta = em.getMetadata().get(entity);
  let byFields = shapes.get(meta);
  if (!byFields) shapes.set(meta, (byFields = new Map()));
  const key = fields.join(',');
  let shape = byFields.get(key);
  if (shape === undefined) {
    const platform = em.getPlatform();
    const timezone = em.config.get('timezone');
    const columns: string[] = [];
    const converters: Array<[string, Convert]> = [];
    let missing: string | undefined;
    for (const field of fields) {
      const prop = meta.properties[field as keyof typeof meta.properties] as EntityProperty | undefined;
      if (prop?.fieldNames?.length) columns.push(`"${prop.fieldNames[0]}" as "${field}"`);
      else missing ??= field;
      const convert = prop && converterOf(prop, platform, timezone);
      if (convert) converters.push([field, convert]);
    }
    const selectList = missing === undefined ? `select ${columns.join(', ')} from "${meta.tableName}"` : new Error(`${meta.className} has no column for "${missing}"`);
    shape = { selectList, converters };
    byFields.set(key, shape);
  }
  return shape;
}

/** Converts each row's columns in place the way the hydrator would; the rows are then the entity's plain properties. */
function asProperties<T extends object>(shape: RowShape, rows: Array<Record<string, unknown>>): T[] {
  if (shape.converters.length > 0) {
    for (const row of rows) {
      for (const [field, convert] of shape.converters) {
        const value = row[field];
        if (value !== null && value !== undefined) row[field] = convert(value);
      }
    }
  }
  return rows as unknown as T[];
}
