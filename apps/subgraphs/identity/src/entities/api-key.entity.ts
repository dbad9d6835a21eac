import { defineEntity, p } from '@mikro-orm/core';
import type { Scope } from '@omnitron/server-kit';

/** An API key acts as its owner, within its scopes, in the workspace it was created in. Only the sha256 of the secret is stored. */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    workspaceId: p.uuid(),
    name: p.string().length(100),
    scopes: p.json<Scope[]>(),
    secretHash: p.string().length(64).unique().hidden(),
    /** The first characters of the secret, so people can tell their keys apart. */
    displayPrefix: p.string().length(16),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
