import { PortableMigration } from '@omnitron/server-kit';

/** Workspaces and roles, refresh-token families, API keys and the audit log. */
export class Migration0002WorkspacesSessionsKeysAudit extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "workspaces" (
        "id" varchar(36) not null primary key,
        "name" varchar(200) not null,
        "personal" ${t.bool} not null,
        "created_at" ${t.timestamp} not null
      );
      create table "memberships" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null references "workspaces" ("id") on delete cascade,
        "user_id" varchar(36) not null references "users" ("id") on delete cascade,
        "role" varchar(16) not null,
        "created_at" ${t.timestamp} not null
      );
      create unique index "memberships_workspace_user_unique" on "memberships" ("workspace_id", "user_id");
      create index "memberships_user_index" on "memberships" ("user_id");
      create table "refresh_tokens" (
        "id" varchar(36) not null primary key,
        "family_id" varchar(36) not null,
        "user_id" varchar(36) not null references "users" ("id") on delete cascade,
        "workspace_id" varchar(36) not null,
        "token_hash" varchar(64) not null,
        "created_at" ${t.timestamp} not null,
        "expires_at" ${t.timestamp} not null,
        "rotated_at" ${t.timestamp} null,
        "revoked_at" ${t.timestamp} null
      );
      create unique index "refresh_tokens_hash_unique" on "refresh_tokens" ("token_hash");
      create index "refresh_tokens_family_index" on "refresh_tokens" ("family_id");
      create table "api_keys" (
        "id" varchar(36) not null primary key,
        "user_id" varchar(36) not null references "users" ("id") on delete cascade,
        "workspace_id" varchar(36) not null references "workspaces" ("id") on delete cascade,
        "name" varchar(100) not null,
        "scopes" ${t.json} not null,
        "secret_hash" varchar(64) not null,
        "display_prefix" varchar(16) not null,
        "created_at" ${t.timestamp} not null,
        "last_used_at" ${t.timestamp} null,
        "revoked_at" ${t.timestamp} null
      );
      create unique index "api_keys_secret_hash_unique" on "api_keys" ("secret_hash");
      create index "api_keys_owner_index" on "api_keys" ("user_id", "workspace_id");
      create table "audit_events" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) null,
        "actor_id" varchar(36) null,
        "action" varchar(64) not null,
        "target" varchar(320) null,
        "ip" varchar(64) null,
        "details" ${t.json} not null,
        "created_at" ${t.timestamp} not null
      );
      create index "audit_events_workspace_index" on "audit_events" ("workspace_id", "created_at", "id");
    `);
  }
}
