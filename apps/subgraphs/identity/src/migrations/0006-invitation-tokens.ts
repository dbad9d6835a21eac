import { PortableMigration } from '@omnitron/server-kit';

/**
 * Invitations are accepted with a secret token handed to the inviter (shown once), not merely by
 * whoever holds an account with the invited email. Only its sha256 is stored. Invitations pending
 * from before have none and can no longer be accepted: inviting the address again renews them
 * with a token.
 */
export class Migration0006InvitationTokens extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "invitations" add column "token_hash" varchar(64) null;
      create unique index "invitations_token_hash_unique" on "invitations" ("token_hash");
    `);
  }
}
