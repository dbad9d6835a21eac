import { defineEntity, p } from '@mikro-orm/core';

/**
 * A workspace's secret for HTTP, database and AI nodes, referenced by its name (unique per
 * workspace). Fields the type marks secret are sealed together (AES-256-GCM, bound to the
 * workspace and id) in `sealedFields`; the others are kept readable in `publicFields` for editors.
 */
export const CredentialSchema = defineEntity({
  name: 'Credential',
  tableName: 'credentials',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    name: p.string().length(100),
    type: p.string().length(40),
    publicFields: p.json<Record<string, unknown>>(),
    /** `SecretBox` ciphertext of the JSON of the secret fields; never leaves this subgraph except decrypted over the signed resolve route. */
    sealedFields: p.text().hidden(),
    /** Id of the encryption key that sealed `sealedFields` (rotation re-seals rows under other keys). */
    keyId: p.string().length(16),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
});

export class Credential extends CredentialSchema.class {}
CredentialSchema.setClass(Credential);
