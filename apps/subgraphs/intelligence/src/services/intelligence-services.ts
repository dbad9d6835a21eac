import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { OutboundClient, outboundPolicyOf, type HttpPolicy } from '@omnitron/nodes';
import { CredentialStoreClient, lateRoutes, resolveSecrets, secretBoxOf, SecretBox, type LocalSubgraph, type SubgraphDeps } from '@omnitron/server-kit';
import { AiRouter } from '../routing/ai-router';
import { AttemptRecorder } from '../routing/attempt-recorder';
import { CredentialKeys } from '../routing/credential-keys';
import { ProviderCatalog } from '../routing/provider-catalog';
import { ProviderStateStore } from '../routing/provider-state';
import { ResponseCache } from '../routing/response-cache';
import { startFlowChangeIndexer } from '../search/flow-change-indexer';
import { FlowSearch } from '../search/flow-search';
import { loadIntelligenceSettings, type IntelligenceSettings } from '../settings';
import { resealProviderKeys } from './provider-key-reseal';
import { ProviderRegistry } from './provider-registry';

/** Everything the resolvers and internal routes of this subgraph share, opened once per process. */
export interface IntelligenceServices {
  readonly settings: IntelligenceSettings;
  readonly redis: Redis;
  readonly catalog: ProviderCatalog;
  readonly state: ProviderStateStore;
  readonly registry: ProviderRegistry;
  readonly recorder: AttemptRecorder;
  readonly router: AiRouter;
  readonly search: FlowSearch;
}

export interface IntelligenceOptions {
  /** Settings that win over the environment (tests). */
  readonly settings?: Partial<IntelligenceSettings>;
  /** AES-256-GCM key, base64 32 bytes. @default resolveSecrets(DATA_DIR).encryptionKey (ENCRYPTION_KEY wins) */
  readonly encryptionKey?: string;
  /** Resolves provider hostnames for the address policy (tests stand in for DNS). @default the system resolver */
  readonly lookup?: HttpPolicy['lookup'];
  /**
   * The flows subgraph when it runs in this process too (undefined until it has started): search
   * reads changed flows from it in process instead of over signed HTTP at FLOWS_URL. @default none
   */
  readonly localFlows?: () => LocalSubgraph | undefined;
  /** The identity subgraph when it runs in this process too: credentials are resolved with it in process instead of at IDENTITY_URL. @default none */
  readonly localIdentity?: () => LocalSubgraph | undefined;
}

export async function openIntelligenceServices(orm: MikroORM, deps: SubgraphDeps, options: IntelligenceOptions = {}): Promise<IntelligenceServices & { close(): Promise<void> }> {
  const settings = loadIntelligenceSettings(process.env, options.settings);
  const box = options.encryptionKey ? new SecretBox(options.encryptionKey) : secretBoxOf(resolveSecrets(deps.config.DATA_DIR));
  const redis = new Redis(deps.config.REDIS_URL, {
    keyPrefix: `${deps.config.REDIS_PREFIX}:intelligence:`,
    // Commands issued in the same tick share one round trip: routing reads stay one hop.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
  });
  const log = deps.log.child({ component: 'ai' });
  const policy: HttpPolicy = { ...outboundPolicyOf(settings), ...(options.lookup ? { lookup: options.lookup } : {}) };
  // One client for every provider call: keeps connections alive per provider, each vetted when it opens.
  const outbound = new OutboundClient(policy);
  const credentialKeys = new CredentialKeys(
    options.localIdentity ? new CredentialStoreClient(lateRoutes(options.localIdentity)) : new CredentialStoreClient(settings.IDENTITY_URL, deps.signingKey),
  );
  const catalog = new ProviderCatalog(orm, redis, box, outbound, credentialKeys);
  const state = new ProviderStateStore(redis, settings);
  // Rotation: keys still sealed under ENCRYPTION_KEY_PREVIOUS are re-sealed in the background.
  const resealing = resealProviderKeys(orm, box, log).catch((error: unknown) => log.error({ err: error }, 're-sealing AI provider keys failed'));
  const recorder = new AttemptRecorder(orm, log, 500, 1_000);
  const cache = new ResponseCache(redis, settings.AI_CACHE_TTL_SECONDS);
  const search = new FlowSearch(catalog, log, { timeoutMs: settings.AI_PROVIDER_TIMEOUT_MS, backfill: settings.SEARCH_EMBEDDING_BACKFILL }, () => orm.em.fork());
  const changes = settings.SEARCH_FOLLOW_FLOW_CHANGES
    ? startFlowChangeIndexer({
        flowsUrl: settings.FLOWS_URL, signingKey: deps.signingKey, search, fork: () => orm.em.fork(),
        ...(options.localFlows ? { localFlows: options.localFlows } : {}),
        redisUrl: deps.config.REDIS_URL, redisPrefix: deps.config.REDIS_PREFIX, log: deps.log.child({ component: 'search' }),
      })
    : undefined;
  return {
    settings,
    redis,
    catalog,
    state,
    registry: new ProviderRegistry(box, catalog, state, policy, credentialKeys),
    recorder,
    router: new AiRouter({ catalog, state, cache, recorder, settings, log }),
    search,
    close: async () => {
      await resealing;
      await changes?.close();
      await search.settled();
      await recorder.close();
      await outbound.close();
      redis.disconnect();
    },
  };
}
