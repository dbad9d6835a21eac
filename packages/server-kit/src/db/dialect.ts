import type { Platform } from '@mikro-orm/core';

/** Answers by platform (one per opened database): `sqlRows` asks on every hot read. */
const postgresPlatforms = new WeakMap<Platform, boolean>();

/** Whether a database `openDatabase` opened is PostgreSQL (the other engine is SQLite). */
export function isPostgres(platform: Platform): boolean {
  let postgres = postgresPlatforms.get(platform);
  if (postgres === undefined) postgresPlatforms.set(platform, (postgres = platform.constructor.name.toLowerCase().includes('postgre')));
  return postgres;
}
