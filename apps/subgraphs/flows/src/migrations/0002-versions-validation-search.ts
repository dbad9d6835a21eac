import { PortableMigration } from '@omnitron/server-kit';

/**
 * Adds what saving needs on top of 0001: stored validation (`valid`, `problems`), the derived
 * search columns, keyset indexes for lists and the trash, and the immutable `flow_versions`.
 * Defaults only fill rows 0001 may have left; PostgreSQL drops them again, as the entity has none
 * (SQLite cannot drop a column default, and every insert sets these columns anyway).
 */
export class Migration0002VersionsValidationSearch extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "flows" add column "valid" ${t.bool} not null default false;
      alter table "flows" add column "problems" ${t.json} not null default '[]';
      alter table "flows" add column "search_text" text not null default '';
      alter table "flows" add column "tag_index" text not null default '';
      drop index "flows_workspace_id_index";
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
    if (this.isPostgres) {
      this.statements(() => `
        alter table "flows" alter column "valid" drop default;
        alter table "flows" alter column "problems" drop default;
        alter table "flows" alter column "search_text" drop default;
        alter table "flows" alter column "tag_index" drop default;
      `);
    }
  }
}
