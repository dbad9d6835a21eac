import { PortableMigration } from '@omnitron/server-kit';

export class Migration0001Executions extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "executions" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "flow_id" varchar(36) not null,
        "flow_version" integer not null,
        "started_by" varchar(36) not null,
        "status" varchar(16) not null,
        "input" ${t.json} null,
        "output" ${t.json} null,
        "error" ${t.json} null,
        "idempotency_key" varchar(200) null,
        "created_at" ${t.timestamp} not null,
        "started_at" ${t.timestamp} null,
        "finished_at" ${t.timestamp} null
      );
      create index "executions_workspace_id_index" on "executions" ("workspace_id");
      create index "executions_flow_id_index" on "executions" ("flow_id");
      create unique index "executions_idempotency_unique" on "executions" ("workspace_id", "idempotency_key");
    `);
  }
}
