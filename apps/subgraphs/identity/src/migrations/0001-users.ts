import { PortableMigration } from '@omnitron/server-kit';

export class Migration0001Users extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "users" (
        "id" varchar(36) not null primary key,
        "email" varchar(320) not null,
        "name" varchar(200) not null,
        "password_hash" text not null,
        "created_at" ${t.timestamp} not null
      );
      create unique index "users_email_unique" on "users" ("email");
    `);
  }
}
