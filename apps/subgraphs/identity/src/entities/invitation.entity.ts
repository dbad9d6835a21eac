import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '@omnitron/server-kit';

/**
 * An owner's invitation of an email address into a workspace, whether or not an account has that
 * address yet. It becomes a membership when the account with that email accepts it (signing up
 * first if needed) presenting the invitation's token, so inviting answers the same for every
 * address. Unique per (workspace, email): inviting again renews it with a new token.
 */
export const InvitationSchema = defineEntity({
  name: 'Invitation',
  tableName: 'invitations',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    /** Normalised (trimmed, lower-cased) like `User.email`. */
    email: p.string().length(320),
    role: p.string().length(16).$type<Role>(),
    /**
     * sha256 of the secret the inviter was shown once (`omi_...`): emails are not verified, so
     * whoever registered the address first must not be able to accept without it. Null only for
     * invitations made before tokens existed, which can no longer be accepted.
     */
    tokenHash: p.string().length(64).nullable(),
    invitedAt: p.datetime(),
    expiresAt: p.datetime(),
  },
});

export class Invitation extends InvitationSchema.class {}
InvitationSchema.setClass(Invitation);
