import { PortableMigration } from '@omnitron/server-kit';

/**
 * Who a personal workspace belongs to, so that user can be kept in it (not removed, not leaving,
 * not demoted). Register sets it from now on; existing personal workspaces take their earliest
 * owner membership, which is the one register made unless it was since demoted or removed.
 */
export class Migration0004PersonalWorkspaceOwner extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "workspaces" add column "personal_owner_id" varchar(36) null references "users" ("id") on delete set null;
      update "workspaces" set "personal_owner_id" = (
        select "m"."user_id" from "memberships" "m"
        where "m"."workspace_id" = "workspaces"."id" and "m"."role" = 'owner'
        order by "m"."created_at" asc, "m"."id" asc
        limit 1
      ) where "personal" = ${this.isPostgres ? 'true' : '1'};
    `);
  }
}
