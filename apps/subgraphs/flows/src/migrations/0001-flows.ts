import { PortableMigration } from '@omnitron/server-kit';

export class Migration0001Flows extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "flows" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "owner_id" varchar(36) not null,
        "name" varchar(200) not null,
        "description" text not null default '',
        "tags" ${t.json} not null,
        "nodes" ${t.json} not null,
        "edges" ${t.json} not null,
        "version" integer not null default 1,
        "valid" ${t.bool} not null,
        "problems" ${t.json} not null,
        "search_text" text not null,
        "tag_index" text not null,
        "created_at" ${t.timestamp} not null,
        "updated_at" ${t.timestamp} not null,
        "deleted_at" ${t.timestamp} null
      );
      create index "flows_live_by_update" on "flows" ("workspace_id", "updated_at" desc, "id" desc) where "deleted_at" is null;
      create index "flows_deleted_by_time" on "flows" ("workspace_id", "deleted_at" desc, "id" desc) where "deleted_at" is not null;
      create table "flow_versions" (
        "id" varchar(36) not null primary key,
        "flow_id" varchar(36) not null,
        "workspace_id" varchar(36) not null,
        "version" integer not null,
        "name" varchar(200) not null,
        "description" text not null,
        "tags" ${t.json} not null,
        "nodes" ${t.json} not null,
        "edges" ${t.json} not null,
        "valid" ${t.bool} not null,
        "problems" ${t.json} not null,
        "author_id" varchar(36) not null,
        "message" text null,
        "created_at" ${t.timestamp} not null
      );
      create unique index "flow_versions_flow_version_unique" on "flow_versions" ("flow_id", "version");
    `);
  }
}
