import { Migration } from '@mikro-orm/migrations';
import { isPostgres } from './dialect';

/**
 * A migration written once for both engines. Column types come from `types` so the same DDL
 * runs on SQLite (embedded default) and PostgreSQL (production).
 */
export interface ColumnTypes {
  readonly json: string;
  readonly timestamp: string;
  readonly bool: string;
  readonly bigint: string;
}

const postgres: ColumnTypes = { json: 'jsonb', timestamp: 'timestamptz', bool: 'boolean', bigint: 'bigint' };
const sqlite: ColumnTypes = { json: 'text', timestamp: 'datetime', bool: 'integer', bigint: 'integer' };

export abstract class PortableMigration extends Migration {
  protected get isPostgres(): boolean {
    return isPostgres(this.driver.getPlatform());
  }

  protected get types(): ColumnTypes {
    return this.isPostgres ? postgres : sqlite;
  }

  /** Adds each statement of `ddl(types)`; statements are separated by `;` at line end. */
  protected statements(ddl: (t: ColumnTypes) => string): void {
    for (const statement of ddl(this.types).split(/;\s*\n/)) {
      const sql = statement.trim().replace(/;$/, '');
      if (sql) this.addSql(sql);
    }
  }
}
