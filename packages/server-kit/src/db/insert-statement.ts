import { JsonType, UuidType, type EntityManager, type EntityMetadata, type EntityName, type EntityProperty, type Platform, type RequiredEntityData } from '@mikro-orm/core';
import { ASYNC_COMMIT_COLUMN } from './async-commit';
import { isPostgres } from './dialect';
import { insertRows } from './insert-rows';
import { sqlRows } from './read-rows';

/** A property as one INSERT writes it: its column, and how its value becomes a parameter. */
interface ColumnOf {
  readonly column: string;
  /** How the value travels inside a JSON recordset (`recordsetStatement`): as it is, as JSON text kept as JSON, or not at all. */
  readonly inRecordset: 'value' | 'json' | 'date' | undefined;
  readonly convert: ((value: unknown) => unknown) | undefined;
  /** Converted values of objects rows share (`InsertStatementOptions.shared`), while each object lives. */
  readonly shared: WeakMap<object, unknown>;
}

/** Per entity: each property's column and conversion, found once. */
const columnsOf = new WeakMap<EntityMetadata, Map<string, ColumnOf>>();

function columnOf(meta: EntityMetadata, platform: Platform, property: string): ColumnOf {
  let columns = columnsOf.get(meta);
  if (columns === undefined) columnsOf.set(meta, (columns = new Map()));
  let known = columns.get(property);
  if (known === undefined) {
    const prop = meta.properties[property as keyof typeof meta.properties] as EntityProperty | undefined;
    if (prop?.fieldNames?.length !== 1) throw new Error(`${meta.className}.${property} is not one column`);
    const type = prop.customType;
    // What MikroORM's Kysely plugin (`convertValues`) does with a value: custom types (JSON, ...) converted, the rest as it is.
    const convert = type ? (value: unknown) => type.convertToDatabaseValue(value, platform, { fromQuery: true, key: prop.name, mode: 'query-data' }) : undefined;
    known = { column: prop.fieldNames[0]!, convert, shared: new WeakMap(), inRecordset: recordsetKindOf(prop) };
    columns.set(property, known);
  }
  return known;
}

/**
 * Whether a property's values can travel in a JSON recordset and read back as the parameter would
 * have been: plain columns (text, numbers, booleans), uuids, JSON (the value itself, kept as JSON by
 * `json_populate_recordset`), and dates into a `timestamptz` column (an ISO instant either way).
 */
function recordsetKindOf(prop: EntityProperty): ColumnOf['inRecordset'] {
  const type = prop.customType;
  if (type instanceof JsonType) return 'json';
  if (prop.runtimeType === 'Date') return prop.columnTypes?.[0]?.startsWith('timestamptz') ? 'date' : undefined;
  if (type === undefined || type instanceof UuidType) return ['string', 'number', 'boolean'].includes(prop.runtimeType) ? 'value' : undefined;
  return undefined;
}

export interface InsertStatementOptions {
  /**
   * Properties whose value is often the very same object from row to row (a flow graph every run
   * of a flow version shares): each distinct object is converted once and its database value
   * (its JSON text) kept while the object lives.
   */
  readonly shared?: readonly string[];
}

export interface DirectInsertOptions extends InsertStatementOptions {
  /**
   * Commit without waiting for the WAL flush (see `ASYNC_COMMIT_COLUMN`), for rows nobody is told
   * of before a later write of the same work commits the usual way. On PostgreSQL, where each
   * statement is its own transaction: inside one (or on SQLite) the rows commit as that
   * transaction does. @default false
   */
  readonly asyncCommit?: boolean;
}

/**
 * A statement written as SQL text with `?` for each parameter, in order (as `sqlRows` takes it):
 * statements join by joining their texts and their parameters.
 */
export interface WrittenStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Most parameters one statement takes on either database (SQLite's default limit; PostgreSQL's is 65,535). */
export const MAX_STATEMENT_PARAMETERS = 32_766;

/**
 * The INSERT of plain rows of `entity`, written as SQL text with a parameter per value (`?`, for
 * `sqlRows`). Values are converted as MikroORM's Kysely plugin (`convertValues`) converts them:
 * custom types (JSON, ...) through `convertToDatabaseValue`, the rest as they are (`sqlRows` binds
 * dates and booleans as the ORM stores them). A property a row leaves out (or leaves undefined)
 * takes its column's default, as Kysely writes it, which only PostgreSQL reads in VALUES
 * (`needsDefaults`). Undefined for no rows; the caller keeps rows times columns within
 * MAX_STATEMENT_PARAMETERS.
 */
export function insertStatement<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions = {}): WrittenStatement | undefined {
  if (rows.length === 0) return undefined;
  const platform = em.getPlatform();
  const meta = em.getMetadata().get(entity);
  const properties: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const property of Object.keys(row)) {
      if (seen.has(property) || (row as Record<string, unknown>)[property] === undefined) continue;
      seen.add(property);
      properties.push(property);
    }
  }
  const columns = properties.map((property) => columnOf(meta, platform, property));
  const shared = new Set(options.shared ?? []);
  const parameters: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    const slots: string[] = [];
    for (let i = 0; i < properties.length; i++) {
      const property = properties[i]!;
      if (values[property] === undefined) {
        slots.push('default');
        continue;
      }
      parameters.push(parameterOf(columns[i]!, values[property], shared.has(property)));
      slots.push('?');
    }
    tuples.push(`(${slots.join(', ')})`);
  }
  const names = columns.map(({ column }) => platform.quoteIdentifier(column)).join(', ');
  return { sql: `insert into ${platform.quoteIdentifier(meta.tableName)} (${names}) values ${tuples.join(', ')}`, parameters };
}

/** Whether some row leaves out a property another has (or leaves it undefined): its column takes the default. */
function needsDefaults(rows: ReadonlyArray<object>): boolean {
  const properties = Object.keys(rows[0]!);
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    if (Object.keys(values).length !== properties.length) return true;
    for (const property of properties) if (values[property] === undefined) return true;
  }
  return false;
}

/**
 * The INSERT of `rows` as `insert into t (...) select ... from json_populate_recordset(null::t, ?)`
 * (PostgreSQL): the rows as one JSON parameter, keyed by column, instead of a parameter per value. The driver
 * encodes one string rather than a parameter each (for an ephemeral run's ~125 values, most of the
 * CPU of sending its rows). A `shared` JSON column's distinct values travel once, in a parameter of
 * their own (a JSON array), and each row carries the index of its value there: a flow graph every
 * run of a batch shares is serialised, sent and parsed by PostgreSQL once per statement instead of
 * once per row (it was over half of an ephemeral run's execution row). Only when every row has the
 * same properties, all defined (a missing one would read NULL, not the column's default), and
 * every property's values travel in JSON unchanged (`recordsetKindOf`); undefined otherwise.
 */
function recordsetStatement<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions): WrittenStatement | undefined {
  const platform = em.getPlatform();
  const meta = em.getMetadata().get(entity);
  const properties = Object.keys(rows[0]!);
  if (needsDefaults(rows)) return undefined;
  const columns = properties.map((property) => columnOf(meta, platform, property));
  if (columns.some((column) => column.inRecordset === undefined)) return undefined;
  const sharedProperties = new Set(options.shared ?? []);
  const shared = columns.map((column, index) => (sharedProperties.has(properties[index]!) && column.inRecordset === 'json' ? new SharedValues(column) : undefined));
  const texts: string[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (let index = 0; index < properties.length; index++) {
      const value = values[properties[index]!];
      const distinct = shared[index];
      record[columns[index]!.column] = distinct === undefined ? value : distinct.indexOf(value);
    }
    texts.push(JSON.stringify(record));
  }
  const table = platform.quoteIdentifier(meta.tableName);
  const names = columns.map(({ column }) => platform.quoteIdentifier(column));
  // Parameters in the order of their `?`: each shared column's array where the select list reads it (at the index its row holds), then the rows.
  const parameters: string[] = [];
  const selected = names.map((name, index) => {
    const distinct = shared[index];
    if (distinct === undefined) return name;
    parameters.push(distinct.parameter());
    return `(?::jsonb -> (${name} #>> '{}')::int)`;
  });
  parameters.push(jsonArrayOf(texts));
  return { sql: `insert into ${table} (${names.join(', ')}) select ${selected.join(', ')} from json_populate_recordset(null::${table}, ?)`, parameters };
}

/** The distinct values of a shared JSON column in one statement, as their JSON texts in one array. */
class SharedValues {
  private readonly indexes = new Map<unknown, number>();
  private readonly texts: string[] = [];

  constructor(private readonly column: ColumnOf) {}

  /** The value's index in the array; null (SQL NULL) for null. */
  indexOf(value: unknown): number | null {
    if (value === null) return null;
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.texts.push(parameterOf(this.column, value, true) as string) - 1;
      this.indexes.set(value, index);
    }
    return index;
  }

  parameter(): string {
    return jsonArrayOf(this.texts);
  }
}

/**
 * `[a,b,...]` of JSON texts as one flat string (`texts` is used up): a template around a join
 * would be a rope, which the driver copies flat once more to measure its UTF-8 length.
 */
function jsonArrayOf(texts: string[]): string {
  if (texts.length === 0) return '[]';
  texts[0] = `[${texts[0]}`;
  texts[texts.length - 1] += ']';
  return texts.join(',');
}

/**
 * The one statement inserting `rows` on PostgreSQL: as a JSON recordset when they can travel as
 * one (`recordsetStatement`), else a parameter per value. Undefined for no rows.
 */
export function rowsStatement<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions = {}): WrittenStatement | undefined {
  if (rows.length === 0) return undefined;
  return recordsetStatement(em, entity, rows, options) ?? insertStatement(em, entity, rows, options);
}

/** Runs a written statement (`sqlRows`: bound parameters, no query builder), in `em`'s transaction when it has one; its rows. */
export function runStatement(em: EntityManager, statement: WrittenStatement): Promise<Array<Record<string, unknown>>> {
  return sqlRows(em, statement.sql, statement.parameters);
}

/**
 * Inserts plain rows of `entity`, in `em`'s transaction when it has one, as `insertRows` does,
 * written as SQL (`insertStatement`, as many statements as MAX_STATEMENT_PARAMETERS needs): no
 * query builder walks the rows (Kysely compiling the INSERT and MikroORM's plugin converting it
 * cost about as much CPU as sending it). On SQLite, rows that need a column's default go through
 * `insertRows` (SQLite's VALUES has no DEFAULT).
 */
export async function insertRowsDirect<T extends object>(em: EntityManager, entity: EntityName<T> & { readonly name: string }, rows: ReadonlyArray<RequiredEntityData<T>>, options: DirectInsertOptions = {}): Promise<void> {
  if (rows.length === 0) return;
  const postgres = isPostgres(em.getPlatform());
  if (!postgres && needsDefaults(rows)) return insertRows(em, entity, rows);
  const returning = options.asyncCommit === true && postgres && !em.getTransactionContext() ? ` returning ${ASYNC_COMMIT_COLUMN}` : '';
  const perStatement = Math.max(1, Math.floor(MAX_STATEMENT_PARAMETERS / em.getMetadata().get(entity).props.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const statement = insertStatement(em, entity, rows.slice(start, start + perStatement), options);
    if (statement) await runStatement(em, returning ? { sql: `${statement.sql}${returning}`, parameters: statement.parameters } : statement);
  }
}

/** Rows of one entity, for `insertTogether`. */
export interface RowsOf<T extends object = object> {
  readonly entity: EntityName<T> & { readonly name: string };
  readonly rows: ReadonlyArray<RequiredEntityData<T>>;
  readonly options?: InsertStatementOptions;
}

/**
 * Inserts rows of several entities all or none. On PostgreSQL as one statement (`with "i1" as
 * (insert ...), ... insert ...`), each entity's rows as one JSON recordset when they can be
 * (`recordsetStatement`), else a parameter per value (`insertStatement`): a single statement is atomic with no
 * transaction around it, so it costs one round trip instead of a BEGIN, an INSERT per entity and
 * a COMMIT. On SQLite, `insertRowsDirect` per entity in a transaction.
 */
export async function insertTogether(em: EntityManager, inserts: readonly RowsOf[]): Promise<void> {
  if (!isPostgres(em.getPlatform())) {
    await em.transactional(async (tx) => {
      for (const { entity, rows, options } of inserts) await insertRowsDirect(tx, entity, rows, options);
    });
    return;
  }
  const statement = togetherStatement(em, inserts);
  if (statement) await runStatement(em, statement);
}

/** The one PostgreSQL statement of `insertTogether` (undefined for no rows at all). */
export function togetherStatement(em: EntityManager, inserts: readonly RowsOf[]): WrittenStatement | undefined {
  const statements: WrittenStatement[] = [];
  let parameters: unknown[] = [];
  for (const { entity, rows, options } of inserts) {
    const statement = rowsStatement(em, entity, rows, options);
    if (statement === undefined) continue;
    statements.push(statement);
    parameters = parameters.concat(statement.parameters);
  }
  const last = statements.pop();
  if (last === undefined) return undefined;
  const before = statements.map((statement, index) => `"i${index + 1}" as (${statement.sql})`);
  return { sql: before.length === 0 ? last.sql : `with ${before.join(', ')} ${last.sql}`, parameters };
}

function parameterOf(column: ColumnOf, value: unknown, shared: boolean): unknown {
  if (value === null || value === undefined || column.convert === undefined) return value;
  if (!shared || typeof value !== 'object') return column.convert(value);
  if (column.shared.has(value)) return column.shared.get(value);
  const converted = column.convert(value);
  column.shared.set(value, converted);
  return converted;
}
