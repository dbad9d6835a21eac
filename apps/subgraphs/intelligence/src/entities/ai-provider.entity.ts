import { defineEntity, p } from '@mikro-orm/core';

export const AiProviderSchema = defineEntity({
  name: 'AiProvider',
  tableName: 'ai_providers',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    name: p.string().length(100),
    kind: p.string().length(32),
    baseUrl: p.string().length(500),
    /** AES-256-GCM ciphertext of the API key (bound to workspace and name); never returned by the API. */
    apiKeyCiphertext: p.text().hidden(),
    /** Name of the workspace credential (AI_PROVIDER_KEY) the key comes from instead; null = the stored key. */
    apiKeyCredential: p.string().length(100).nullable(),
    models: p.json<string[]>(),
    taskTypes: p.json<string[]>(),
    /** Lower runs first. */
    priority: p.integer().default(0),
    /** Calls per UTC day; null = unlimited. */
    quotaLimit: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().nullable().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class AiProvider extends AiProviderSchema.class {}
AiProviderSchema.setClass(AiProvider);
