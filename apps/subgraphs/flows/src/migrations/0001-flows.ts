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
        "created_at" ${t.timestamp} not null,
        "updated_at" ${t.timestamp} not null,
        "deleted_at" ${t.timestamp} null
      );
      create index "flows_workspace_id_index" on "flows" ("workspace_id");
    `);
  }
}
