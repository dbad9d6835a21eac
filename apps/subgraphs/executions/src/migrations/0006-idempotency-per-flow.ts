import { PortableMigration } from '@omnitron/server-kit';

/**
 * An idempotency key names a run of one flow: the same key for another flow of the workspace
 * starts that flow instead of answering with the first flow's run (`services/start-execution.ts`).
 */
export class Migration0006IdempotencyPerFlow extends PortableMigration {
  override up(): void {
    this.statements(() => `
      drop index "executions_idempotency_unique";
      create unique index "executions_flow_idempotency_unique" on "executions" ("workspace_id", "flow_id", "idempotency_key");
    `);
  }
}
