import type { MikroORM } from '@mikro-orm/core';
import type { OutboundClient } from '@omnitron/nodes';
import type { Redis } from 'ioredis';
import { AiProvider } from '../entities/ai-provider.entity';
import { AiRoute, type RouteTarget } from '../entities/ai-route.entity';
import type { SecretBox } from '@omnitron/server-kit';
import type { AiProviderKind, ProviderEndpoint } from '../providers';
import { CredentialKeys } from './credential-keys';

/** A configured provider as the router uses it. The key stays sealed until a call needs it. */
export interface ProviderRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly kind: AiProviderKind;
  readonly baseUrl: string;
  readonly models: readonly string[];
  readonly taskTypes: readonly string[];
  readonly priority: number;
  readonly quotaLimit: number | null;
  readonly apiKeyCiphertext: string;
  /** When set, the key is this workspace credential's (see CredentialKeys), not the stored one. */
  readonly apiKeyCredential: string | null;
}

export interface WorkspaceCatalog {
  readonly version: string;
  /** By priority, then name. */
  readonly providers: readonly ProviderRecord[];
  readonly routes: ReadonlyMap<string, readonly RouteTarget[]>;
}

/** The context string an API key ciphertext is bound to. */
export const keyContext = (workspaceId: string, name: string): string => `ai-provider:${workspaceId}:${name}`;

/**
 * Each workspace's providers and routes, cached in memory. A per-workspace version counter in
 * Redis (`cfgver:{workspace}`) is bumped on every change; a replica checks it at most every
 * `recheckMs`, so other replicas follow a change within that time (this one at once).
 */
export class ProviderCatalog {
  private readonly cache = new Map<string, WorkspaceCatalog & { checkedAt: number }>();
  private readonly endpoints = new Map<string, { sealed: string; endpoint: ProviderEndpoint }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly redis: Redis,
    private readonly box: SecretBox,
    /** Every call to every provider goes through it (the platform's outbound address policy). */
    private readonly outbound: OutboundClient,
    private readonly credentialKeys: CredentialKeys = new CredentialKeys(undefined),
    private readonly recheckMs = 500,
  ) {}

  async forWorkspace(workspaceId: string): Promise<WorkspaceCatalog> {
    const cached = this.cache.get(workspaceId);
    const now = Date.now();
    if (cached && now - cached.checkedAt < this.recheckMs) return cached;
    const version = (await this.redis.get(`cfgver:${workspaceId}`)) ?? '0';
    if (cached?.version === version) {
      cached.checkedAt = now;
      return cached;
    }
    const loaded = { ...(await this.load(workspaceId, version)), checkedAt: now };
    this.cache.set(workspaceId, loaded);
    return loaded;
  }

  /** Call after any change to a workspace's providers or routes. */
  async changed(workspaceId: string): Promise<void> {
    this.credentialKeys.forget(workspaceId);
    for (const provider of this.cache.get(workspaceId)?.providers ?? []) this.endpoints.delete(provider.id);
    this.cache.delete(workspaceId);
    await this.redis.incr(`cfgver:${workspaceId}`);
  }

  /**
   * The provider's URL and key, and the outbound client to call it through. Opening a sealed key
   * costs more than the rest of routing, so the opened endpoint is kept in memory (this process
   * needs the key for every call anyway) until the sealed value changes or the provider is reloaded.
   */
  async endpointOf(provider: ProviderRecord): Promise<ProviderEndpoint> {
    if (provider.apiKeyCredential) {
      return { baseUrl: provider.baseUrl, apiKey: await this.credentialKeys.keyOf(provider.workspaceId, provider.apiKeyCredential), outbound: this.outbound };
    }
    const known = this.endpoints.get(provider.id);
    if (known?.sealed === provider.apiKeyCiphertext && known.endpoint.baseUrl === provider.baseUrl) return known.endpoint;
    const apiKey = this.box.open(provider.apiKeyCiphertext, keyContext(provider.workspaceId, provider.name));
    const endpoint = { baseUrl: provider.baseUrl, apiKey, outbound: this.outbound };
    this.endpoints.set(provider.id, { sealed: provider.apiKeyCiphertext, endpoint });
    return endpoint;
  }

  private async load(workspaceId: string, version: string): Promise<WorkspaceCatalog> {
    const em = this.orm.em.fork();
    const [providers, routes] = await Promise.all([
      em.find(AiProvider, { workspaceId }, { orderBy: { priority: 'asc', name: 'asc' } }),
      em.find(AiRoute, { workspaceId }),
    ]);
    return {
      version,
      providers: providers.map((p) => ({
        id: p.id,
        workspaceId: p.workspaceId,
        name: p.name,
        kind: p.kind as AiProviderKind,
        baseUrl: p.baseUrl,
        models: p.models,
        taskTypes: p.taskTypes,
        priority: p.priority,
        quotaLimit: p.quotaLimit ?? null,
        apiKeyCiphertext: p.apiKeyCiphertext,
        apiKeyCredential: p.apiKeyCredential ?? null,
      })),
      routes: new Map(routes.map((r) => [r.taskType, r.targets])),
    };
  }
}
