import { PortableMigration } from '@omnitron/server-kit';

/** Pending workspace invitations, addressed to an email whether or not an account has it yet. */
export class Migration0003Invitations extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "invitations" (
        "id" varchar(36) not null primary key,
        "workspace_id" varchar(36) not null references "workspaces" ("id") on delete cascade,
        "email" varchar(320) not null,
        "role" varchar(16) not null,
        "invited_at" ${t.timestamp} not null,
        "expires_at" ${t.timestamp} not null
      );
      create unique index "invitations_workspace_email_unique" on "invitations" ("workspace_id", "email");
      create index "invitations_email_index" on "invitations" ("email");
    `);
  }
}
