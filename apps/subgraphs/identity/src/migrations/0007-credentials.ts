import { PortableMigration } from '@omnitron/server-kit';

/** The per-workspace credential store (#18): names unique per workspace, secret fields sealed. */
export class Migration0007Credentials extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "credentials" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null references "workspaces" ("id") on delete cascade,
        "name" varchar(100) not null,
        "type" varchar(40) not null,
        "public_fields" ${t.json} not null,
        "sealed_fields" text not null,
        "key_id" varchar(16) not null,
        "created_by" varchar(36) not null,
        "created_at" ${t.timestamp} not null,
        "updated_at" ${t.timestamp} not null,
        "last_used_at" ${t.timestamp} null
      );
      create unique index "credentials_workspace_name_unique" on "credentials" ("workspace_id", "name");
      create index "credentials_key_index" on "credentials" ("key_id");
    `);
  }
}
