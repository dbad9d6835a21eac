import { PortableMigration } from '@omnitron/server-kit';

/**
 * Parked nodes of WAITING runs (`ExecutionWait`): what is due when (swept by the scheduler upkeep
 * when its delayed job was lost), the hashed tokens of resume URLs, and the events runs wait for.
 */
export class Migration0011ExecutionWaits extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "execution_waits" (
        "execution_id" varchar(36) not null,
        "node_id" varchar(200) not null,
        "workspace_id" varchar(36) not null,
        "kind" varchar(16) not null,
        "status" varchar(16) not null,
        "due_at" ${t.timestamp} not null,
        "wait" ${t.json} not null,
        "token_hash" varchar(64) null,
        "event_name" varchar(200) null,
        "attempt_errors" ${t.json} null,
        "outcome" ${t.json} null,
        "created_at" ${t.timestamp} not null,
        "resolved_at" ${t.timestamp} null,
        primary key ("execution_id", "node_id")
      );
      create unique index "execution_waits_token_hash_unique" on "execution_waits" ("token_hash");
      create index "execution_waits_due_index" on "execution_waits" ("status", "due_at");
      create index "execution_waits_event_index" on "execution_waits" ("workspace_id", "event_name", "status");
      create index "executions_waiting_index" on "executions" ("id") where "status" = 'WAITING';
    `);
  }
}
