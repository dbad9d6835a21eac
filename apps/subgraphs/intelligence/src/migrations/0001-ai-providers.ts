import { PortableMigration } from '@omnitron/server-kit';

export class Migration0001AiProviders extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "ai_providers" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null,
        "name" varchar(100) not null,
        "kind" varchar(32) not null,
        "base_url" varchar(500) not null,
        "api_key_ciphertext" text not null,
        "models" ${t.json} not null,
        "task_types" ${t.json} not null,
        "priority" integer not null default 0,
        "created_at" ${t.timestamp} not null
      );
      create unique index "ai_providers_workspace_name_unique" on "ai_providers" ("workspace_id", "name");
    `);
  }
}
