import { PortableMigration } from '@omnitron/server-kit';

/** The flow-change outbox (`PendingFlowChange`): one row per flow whose latest change is not on the stream yet. */
export class Migration0003PendingFlowChanges extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "pending_flow_changes" (
        "flow_id" varchar(36) not null primary key,
        "change_id" varchar(36) not null,
        "workspace_id" varchar(36) not null,
        "version" integer not null,
        "change" varchar(16) not null,
        "actor_id" varchar(64) not null,
        "at" ${t.timestamp} not null
      );
      create index "pending_flow_changes_by_time" on "pending_flow_changes" ("at");
    `);
  }
}
