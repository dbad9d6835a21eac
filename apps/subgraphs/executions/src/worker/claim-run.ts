import type { EntityManager, EntityProperty } from '@mikro-orm/core';
import { ASYNC_COMMIT_COLUMN, isPostgres, sqlRows } from '@omnitron/server-kit';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';

type Column = readonly [property: string, column: string, convert: ((value: unknown) => unknown) | undefined];

/** Each Execution property's column and conversion, made once per database (its metadata). */
const columnsByMeta = new WeakMap<object, readonly Column[]>();

/**
 * How the hydrator turns each column of `executions` into its property: JSON through its type
 * (SQLite hands it back as text), booleans from 0/1, dates from numbers or text.
 */
function columnsOf(em: EntityManager): readonly Column[] {
  const meta = em.getMetadata().get(Execution);
  let columns = columnsByMeta.get(meta);
  if (columns) return columns;
  const platform = em.getPlatform();
  const timezone = em.config.get('timezone');
  columns = Object.values(meta.properties as Record<string, EntityProperty>).flatMap((prop): Column[] => {
    const column = prop.fieldNames?.[0];
    if (!column) return [];
    if (prop.customType) {
      const type = prop.customType;
      return [[prop.name, column, (value) => type.convertToJSValue(value, platform)]];
    }
    if (prop.runtimeType === 'boolean') return [[prop.name, column, (value) => Boolean(value)]];
    if (prop.runtimeType === 'Date') return [[prop.name, column, (value) => dateOf(value, timezone)]];
    return [[prop.name, column, undefined]];
  });
  columnsByMeta.set(meta, columns);
  return columns;
}

function dateOf(value: unknown, timezone: string | undefined): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || !timezone || timezone === 'local') return new Date(value as string);
  const text = value as string;
  return new Date(text.includes('+') || text.lastIndexOf('-') > 10 || text.endsWith('Z') ? text : `${text}${timezone}`);
}

const CLAIM = `update "executions" set "status" = 'RUNNING', "started_at" = ?, "heartbeat_at" = ? where "id" = ? and "status" = 'QUEUED' returning *`;
/** On PostgreSQL the claim commits without waiting for the WAL flush (see claimQueuedRun). */
const CLAIM_ASYNC_COMMIT = `${CLAIM}, ${ASYNC_COMMIT_COLUMN}`;

/**
 * QUEUED -> RUNNING, returning the run: one statement where a read and an update were, with bound
 * parameters (see sqlRows). Null when the run is not QUEUED (resumed, parked, settled) or not
 * there: the caller reads it. The run comes back as an Execution the ORM does not manage (it is
 * only read; hydrating a managed entity cost more than the statement).
 *
 * On PostgreSQL the claim does not wait for its WAL flush (ASYNC_COMMIT_COLUMN): every later write
 * of the run (a checkpoint, its final row) waits for a flush that carries it too. Lost to a crash
 * of PostgreSQL before that, the run is QUEUED again with its job still held, which claims it
 * again once it runs on.
 */
export async function claimQueuedRun(runtime: ExecutionsRuntime, executionId: string): Promise<Execution | null> {
  const em = runtime.orm.em;
  const startedAt = new Date();
  const [row] = await sqlRows(em, isPostgres(em.getPlatform()) ? CLAIM_ASYNC_COMMIT : CLAIM, [startedAt, startedAt, executionId]);
  if (!row) return null;
  const execution = new Execution() as unknown as Record<string, unknown>;
  for (const [property, column, convert] of columnsOf(em)) {
    const value = row[column];
    execution[property] = value === null || value === undefined || !convert ? (value ?? null) : convert(value);
  }
  return execution as unknown as Execution;
}
