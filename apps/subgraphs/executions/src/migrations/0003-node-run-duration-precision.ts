import { PortableMigration } from '@omnitron/server-kit';

/** Node durations keep the engine's sub-millisecond precision (a transform takes microseconds). */
export class Migration0003NodeRunDurationPrecision extends PortableMigration {
  override up(): void {
    // SQLite stores whatever number it is given; only PostgreSQL's column type needs to change.
    if (this.isPostgres) this.addSql('alter table "node_runs" alter column "duration_ms" type double precision');
  }
}
