/** What server-kit uses of better-sqlite3 (the package ships no types). */
declare module 'better-sqlite3' {
  import type { SqliteStatement } from 'kysely';

  export default class Database {
    constructor(filename: string);
    prepare(sql: string): SqliteStatement;
    close(): void;
  }
}
