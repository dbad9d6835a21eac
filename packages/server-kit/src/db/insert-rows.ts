import type { EntityManager, EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { isPostgres } from './dialect';

/** Tables and columns named as the entities and their properties are, values converted as MikroORM converts them (JSON, dates). */
const ENTITY_NAMES = { tableNamingStrategy: 'entity', columnNamingStrategy: 'property', convertValues: true } as const;

/**
 * Inserts plain rows of `entity` in one statement, in `em`'s transaction when it has one. On
 * PostgreSQL through MikroORM's Kysely, the values sent as parameters: `em.insertMany` walks every
 * row's values (JSON included) twice and inlines them, escaped, into the SQL text, which for rows
 * carrying JSON costs about twice the CPU. On SQLite (whose driver binds no JSON or booleans as
 * Kysely hands them over) with `insertMany`. Nothing enters the identity map and no hooks run.
 */
export async function insertRows<T extends object>(em: EntityManager, entity: EntityName<T> & { readonly name: string }, rows: ReadonlyArray<RequiredEntityData<T>>): Promise<void> {
  if (rows.length === 0) return;
  if (!isPostgres(em.getPlatform())) {
    await em.insertMany(entity, [...rows]);
    return;
  }
  const db = (em as unknown as SqlEntityManager).getKysely<Record<string, Record<string, unknown>>>(ENTITY_NAMES);
  await db.insertInto(entity.name).values(rows as Array<Record<string, unknown>>).execute();
}
