import { JsonType, UuidType, type EntityManager, type EntityMetadata, type EntityName, type EntityProperty, type Platform, type RequiredEntityData } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { CompiledQuery } from 'kysely';
import { isPostgres } from './dialect';
import { insertRows } from './insert-rows';

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

/** An INSERT written as SQL text with its parameters (`$1`...), for `executeStatement`. */
export interface WrittenStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * The INSERT of plain rows of `entity` (PostgreSQL), written as SQL text with a parameter per
 * value, numbered from `firstParameter` (so several can be joined into one statement, e.g. as
 * `with ... as (<insert>) <insert>`). Values are converted as MikroORM's Kysely plugin
 * (`convertValues`) converts them: custom types (JSON, ...) through `convertToDatabaseValue`, the
 * rest as they are; a property a row leaves out (or leaves undefined) takes its column's default,
 * as Kysely writes it. Undefined for no rows.
 */
export function insertStatement<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions & { readonly firstParameter?: number } = {}): WrittenStatement | undefined {
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
  const offset = (options.firstParameter ?? 1) - 1;
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
      slots.push(`$${offset + parameters.length}`);
    }
    tuples.push(`(${slots.join(', ')})`);
  }
  const names = columns.map(({ column }) => platform.quoteIdentifier(column)).join(', ');
  return { sql: `insert into ${platform.quoteIdentifier(meta.tableName)} (${names}) values ${tuples.join(', ')}`, parameters };
}

/**
 * The INSERT of `rows` as `insert into t (...) select ... from json_populate_recordset(null::t, $n)`:
 * the rows as one JSON parameter, keyed by column, instead of a parameter per value. The driver
 * encodes one string rather than a parameter each (for an ephemeral run's ~125 values, most of the
 * CPU of sending its rows), and `shared` objects are serialised once. Only when every row has the
 * same properties, all defined (a missing one would read NULL, not the column's default), and
 * every property's values travel in JSON unchanged (`recordsetKindOf`); undefined otherwise.
 */
function recordsetStatement<T extends object>(em: EntityManager, entity: EntityName<T>, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions, parameter: number): WrittenStatement | undefined {
  const platform = em.getPlatform();
  const meta = em.getMetadata().get(entity);
  const properties = Object.keys(rows[0]!);
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    if (Object.keys(values).length !== properties.length) return undefined;
    for (const property of properties) if (values[property] === undefined) return undefined;
  }
  const columns = properties.map((property) => columnOf(meta, platform, property));
  if (columns.some((column) => column.inRecordset === undefined)) return undefined;
  const shared = new Set(options.shared ?? []);
  const own = properties.flatMap((property, index) => (shared.has(property) && columns[index]!.inRecordset === 'json' ? [] : [index]));
  const kept = properties.flatMap((property, index) => (own.includes(index) ? [] : [index]));
  const texts: string[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (const index of own) record[columns[index]!.column] = values[properties[index]!];
    let text = JSON.stringify(record);
    for (const index of kept) {
      const column = columns[index]!;
      const json = parameterOf(column, values[properties[index]!], true) as string | null;
      text = `${text.length > 2 ? `${text.slice(0, -1)},` : '{'}${JSON.stringify(column.column)}:${json ?? 'null'}}`;
    }
    texts.push(text);
  }
  const table = platform.quoteIdentifier(meta.tableName);
  const names = columns.map(({ column }) => platform.quoteIdentifier(column)).join(', ');
  return { sql: `insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, $${parameter})`, parameters: [`[${texts.join(',')}]`] };
}

/** Runs a written statement as it is (no query builder), in `em`'s transaction when it has one. */
export async function executeStatement(em: EntityManager, statement: WrittenStatement): Promise<void> {
  await (em as unknown as SqlEntityManager).getKysely().executeQuery(CompiledQuery.raw(statement.sql, [...statement.parameters]));
}

/**
 * Inserts plain rows of `entity` in one statement, in `em`'s transaction when it has one, as
 * `insertRows` does, written as SQL (`insertStatement`): no query builder walks the rows (on
 * PostgreSQL, Kysely compiling the INSERT and MikroORM's plugin converting it cost about as much
 * CPU as sending it). On SQLite, `insertRows`.
 */
export async function insertRowsDirect<T extends object>(em: EntityManager, entity: EntityName<T> & { readonly name: string }, rows: ReadonlyArray<RequiredEntityData<T>>, options: InsertStatementOptions = {}): Promise<void> {
  if (!isPostgres(em.getPlatform())) return insertRows(em, entity, rows);
  const statement = insertStatement(em, entity, rows, options);
  if (statement) await executeStatement(em, statement);
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
 * a COMMIT. On SQLite, `insertRows` per entity in a transaction.
 */
export async function insertTogether(em: EntityManager, inserts: readonly RowsOf[]): Promise<void> {
  if (!isPostgres(em.getPlatform())) {
    await em.transactional(async (tx) => {
      for (const { entity, rows } of inserts) await insertRows(tx, entity, rows);
    });
    return;
  }
  const statement = togetherStatement(em, inserts);
  if (statement) await executeStatement(em, statement);
}

/** The one PostgreSQL statement of `insertTogether` (undefined for no rows at all). */
export function togetherStatement(em: EntityManager, inserts: readonly RowsOf[]): WrittenStatement | undefined {
  const statements: WrittenStatement[] = [];
  let parameters: unknown[] = [];
  for (const { entity, rows, options } of inserts) {
    if (rows.length === 0) continue;
    const statement = recordsetStatement(em, entity, rows, options ?? {}, parameters.length + 1) ?? insertStatement(em, entity, rows, { ...options, firstParameter: parameters.length + 1 });
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
