import { PortableMigration } from '@omnitron/server-kit';

/**
 * The runs not yet settled, for the recover sweeps that visit them every minute
 * (`worker/recover-orphans.ts`, `worker/abandoned-runs.ts`): a few rows, not the whole history.
 */
export class Migration0005UnfinishedRunsIndex extends PortableMigration {
  override up(): void {
    this.statements(() => `
      create index "executions_unfinished_index" on "executions" ("id") where "status" in ('QUEUED', 'RUNNING');
    `);
  }
}
