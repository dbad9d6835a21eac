import { PortableMigration } from '@omnitron/server-kit';

/**
 * Membership generations, so a role change or removal revokes tokens by generation rather than by
 * issue time. `users.access_generation` is the counter each user's generations are drawn from (it
 * only grows, also across leaving and re-joining a workspace); `memberships.generation` is the one
 * its current role was given, read with the role whenever a token is issued. Existing rows start
 * at 0: no change has been announced with a generation yet.
 */
export class Migration0005MembershipGenerations extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "users" add column "access_generation" integer not null default 0;
      alter table "memberships" add column "generation" integer not null default 0;
    `);
  }
}
