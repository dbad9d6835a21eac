import { defineEntity, p } from '@mikro-orm/core';

/**
 * One refresh token of a session. Tokens of one sign-in share a `familyId`; rotating marks the
 * presented token `rotatedAt`, and presenting a rotated token again revokes the whole family.
 * Only the sha256 of the token is stored.
 */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: p.uuid().primary(),
    familyId: p.uuid(),
    userId: p.uuid(),
    workspaceId: p.uuid(),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    rotatedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);
