import type { EntityManager, EntityName, EntityProperty, FilterQuery, Platform, QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

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
  const meta = em.getMetadata().get(entity);
  const platform = em.getPlatform();
  const timezone = em.config.get('timezone');
  const converters: Array<[string, Convert]> = [];
  for (const field of options.fields) {
    const prop = meta.properties[field as keyof typeof meta.properties] as EntityProperty | undefined;
    const convert = prop && converterOf(prop, platform, timezone);
    if (convert) converters.push([field, convert]);
  }
  if (converters.length > 0) {
    for (const row of rows) {
      for (const [field, convert] of converters) {
        const value = row[field];
        if (value !== null && value !== undefined) row[field] = convert(value);
      }
    }
  }
  return rows as unknown as T[];
}
