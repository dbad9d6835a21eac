import { PortableMigration } from '@omnitron/server-kit';

/** Routing (quotas, routes, attempts), the flow search index and node timings for analysis. */
export class Migration0002RoutingSearch extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "ai_providers" add column "quota_limit" integer null;
      alter table "ai_providers" add column "updated_at" ${t.timestamp} null;
      create table "ai_routes" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "task_type" varchar(64) not null,
        "targets" ${t.json} not null,
        "updated_at" ${t.timestamp} not null
      );
      create unique index "ai_routes_workspace_task_unique" on "ai_routes" ("workspace_id", "task_type");
      create table "ai_call_attempts" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "provider" varchar(100) not null,
        "model" varchar(200) not null,
        "task_type" varchar(64) not null,
        "latency_ms" integer not null,
        "input_tokens" integer not null default 0,
        "output_tokens" integer not null default 0,
        "outcome" varchar(32) not null,
        "error_code" varchar(64) null,
        "at" ${t.timestamp} not null
      );
      create index "ai_call_attempts_workspace_at" on "ai_call_attempts" ("workspace_id", "at");
      create table "flow_search_documents" (
        "flow_id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "name" varchar(200) not null,
        "description" text not null,
        "tags" ${t.json} not null,
        "node_types" ${t.json} not null,
        "config_text" text not null,
        "embedding" ${t.json} null,
        "embedding_model" varchar(200) null,
        "updated_at" ${t.timestamp} not null
      );
      create index "flow_search_documents_workspace" on "flow_search_documents" ("workspace_id");
      create table "flow_node_timings" (
        "flow_id" varchar(36) not null,
        "node_id" varchar(200) not null,
        "workspace_id" varchar(36) not null,
        "runs" integer not null,
        "total_ms" ${t.bigint} not null,
        "max_ms" integer not null,
        "updated_at" ${t.timestamp} not null,
        primary key ("flow_id", "node_id")
      );
    `);
  }
}
