import { Redis } from 'ioredis';
import { CredentialVerifier, type Authentication, type InternalRoutes, type Logger, type PlatformSecrets } from '@omnitron/server-kit';
import type { Authenticator } from './authenticate';
import { RequestBudget } from './request-budget';
import { followRevocations, type RevocationFeed } from './revocation-feed';

export interface GatewayAuthOptions {
  readonly secrets: Pick<PlatformSecrets, 'jwtPublicKey' | 'internalSigningKey'>;
  /** The identity subgraph's internal routes (API-key checks): signed HTTP, or in process when identity is hosted beside the gateway. */
  readonly identity: InternalRoutes;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** Requests per minute per caller. @default 600 */
  readonly requestsPerMinute?: number;
  /** How long a verified API key is trusted before asking identity again. @default 30_000 */
  readonly apiKeyCacheTtlMs?: number;
  /** Webhook requests per minute per webhook path. @default 3_000 */
  readonly webhookRequestsPerMinute?: number;
  readonly log: Logger;
}

/** Everything the gateway needs to know who is calling and whether they may call now. */
export interface GatewayAuth {
  readonly authenticator: Authenticator;
  readonly budget: RequestBudget;
  /** Webhook requests, counted per path (`webhook:<path>`): a busy sender on few addresses spends its integration's budget, not an address's. */
  readonly webhookBudget: RequestBudget;
  close(): Promise<void>;
}

/** Access tokens and API keys, checked against identity's public key and internal route. */
class CredentialAuthenticator implements Authenticator {
  constructor(private readonly verifier: CredentialVerifier) {}

  authenticate(credential: string | undefined): Promise<Authentication> {
    return this.verifier.authenticate(credential);
  }
}

/**
 * The gateway's authenticator and request budget. With `injected` (tests), that authenticator is
 * used and no key material is read.
 */
export async function createGatewayAuth(options: GatewayAuthOptions, injected?: Authenticator): Promise<GatewayAuth> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (error) => options.log.warn({ err: error }, 'request budget: Redis error'));
  const budget = new RequestBudget(redis, options.redisPrefix, options.requestsPerMinute ?? 600);
  const webhookBudget = new RequestBudget(redis, options.redisPrefix, options.webhookRequestsPerMinute ?? 3_000);
  if (injected) return { authenticator: injected, budget, webhookBudget, close: async () => redis.disconnect() };
  let feed: RevocationFeed;
  let verifier: CredentialVerifier;
  try {
    verifier = await CredentialVerifier.create({
      jwtPublicKey: options.secrets.jwtPublicKey,
      identity: options.identity,
      apiKeyCacheTtlMs: options.apiKeyCacheTtlMs,
    });
    feed = await followRevocations(verifier, options.redisUrl, options.redisPrefix, options.log);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return {
    authenticator: new CredentialAuthenticator(verifier),
    budget,
    webhookBudget,
    close: async () => {
      await feed.close();
      redis.disconnect();
    },
  };
}
