import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

export interface ReadRowsOptions<T> {
  /** The properties to read (others stay absent from the rows). */
  readonly fields: readonly (keyof T & string)[];
  readonly orderBy?: QueryOrderMap<T>;
  readonly limit?: number;
}

/**
 * Rows of `entity` as plain objects with its property names and JS types (mapped by the driver),
 * not managed entities: for read-only lists, where creating, hydrating and registering every
 * entity in the identity map costs more than the query. Nothing read this way can be flushed.
 * Every database `openDatabase` opens is SQL (PostgreSQL or SQLite), so the query builder is there.
 */
export async function readRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, options: ReadRowsOptions<T>): Promise<T[]> {
  const qb = (em as unknown as SqlEntityManager).createQueryBuilder(entity).select([...options.fields] as never).where(where as never);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  return (await qb.execute('all', true)) as unknown as T[];
}
