import type { Platform } from '@mikro-orm/core';

/** Whether a database `openDatabase` opened is PostgreSQL (the other engine is SQLite). */
export function isPostgres(platform: Platform): boolean {
  return platform.constructor.name.toLowerCase().includes('postgre');
}
