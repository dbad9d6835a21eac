import { PortableMigration } from '@omnitron/server-kit';

/** Pinned graphs, node runs, logs, child runs and trigger registrations. */
export class Migration0002RunsAndTriggers extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "executions" add column "graph" ${t.json} null;
      alter table "executions" add column "trigger_node_id" varchar(200) null;
      alter table "executions" add column "output_truncated" ${t.bool} not null default ${this.isPostgres ? 'false' : '0'};
      alter table "executions" add column "parent_execution_id" varchar(36) null;
      alter table "executions" add column "parent_node_id" varchar(200) null;
      alter table "executions" add column "duration_ms" integer null;
      create index "executions_parent_index" on "executions" ("parent_execution_id");
      create index "executions_workspace_created_index" on "executions" ("workspace_id", "created_at", "id");
      create index "executions_finished_index" on "executions" ("finished_at");
      create table "node_runs" (
        "execution_id" varchar(36) not null,
        "node_id" varchar(200) not null,
        "status" varchar(16) not null,
        "attempts" integer not null,
        "input" ${t.json} null,
        "output" ${t.json} null,
        "output_truncated" ${t.bool} not null default ${this.isPostgres ? 'false' : '0'},
        "error" ${t.json} null,
        "attempt_errors" ${t.json} null,
        "handle" varchar(200) null,
        "started_at" ${t.timestamp} null,
        "finished_at" ${t.timestamp} null,
        "duration_ms" integer null,
        primary key ("execution_id", "node_id")
      );
      create table "execution_logs" (
        "execution_id" varchar(36) not null,
        "seq" integer not null,
        "node_id" varchar(200) null,
        "level" varchar(8) not null,
        "message" text not null,
        "data" ${t.json} null,
        "at" ${t.timestamp} not null,
        primary key ("execution_id", "seq")
      );
      create table "trigger_registrations" (
        "flow_id" varchar(36) not null,
        "node_id" varchar(200) not null,
        "workspace_id" varchar(36) not null,
        "kind" varchar(16) not null,
        "path" varchar(200) null,
        "respond" varchar(16) null,
        "cron" varchar(200) null,
        "timezone" varchar(100) null,
        "flow_version" integer not null,
        "graph" ${t.json} not null,
        "registered_by" varchar(36) not null,
        "updated_at" ${t.timestamp} not null,
        primary key ("flow_id", "node_id")
      );
      create unique index "trigger_registrations_path_unique" on "trigger_registrations" ("path");
      create index "trigger_registrations_workspace_index" on "trigger_registrations" ("workspace_id");
    `);
  }
}
