import { PortableMigration } from '@omnitron/server-kit';

/**
 * Runs the studio's build loop starts: `test` marks a run of an unsaved draft (`testNode`), which
 * lists can tell from a run of the saved flow; `retry_of_id` and `retry_from_node_id` link a run
 * `retryExecution` started to the run it retries and name the node it ran again from.
 */
export class Migration0009TestAndRetryRuns extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "executions" add column "test" ${t.bool} not null default ${this.isPostgres ? 'false' : '0'};
      alter table "executions" add column "retry_of_id" varchar(36) null;
      alter table "executions" add column "retry_from_node_id" varchar(200) null;
    `);
  }
}
