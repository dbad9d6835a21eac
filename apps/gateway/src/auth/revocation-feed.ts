import { Redis } from 'ioredis';
import {
  REVOCATION_MEMORY_MS,
  recentRevocationsKey,
  revocationChannel,
  revocationEventSchema,
  type CredentialVerifier,
  type Logger,
} from '@omnitron/server-kit';

export interface RevocationFeed {
  close(): Promise<void>;
}

function parseEvent(message: string) {
  try {
    const parsed = revocationEventSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Listens on identity's revocation channel and applies each event to the verifier, so a revoked
 * API key, ended session or changed membership is refused at once on this gateway. On start and
 * after every reconnect it also replays the recent revocations identity keeps in Redis, and drops
 * every cached API-key grant, so nothing revoked while it was away slips through.
 */
export async function followRevocations(
  verifier: CredentialVerifier,
  redisUrl: string,
  redisPrefix: string,
  log: Logger,
  startTimeoutMs = 10_000,
): Promise<RevocationFeed> {
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const reader = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const replay = async () => {
    const since = Date.now() - REVOCATION_MEMORY_MS;
    const entries = await reader.zrangebyscore(recentRevocationsKey(redisPrefix), since, '+inf');
    for (const entry of entries) {
      const event = parseEvent(entry.slice(entry.indexOf(':') + 1));
      if (event) verifier.applyRevocation(event);
    }
  };
  let readyBefore = false;
  subscriber.on('ready', () => {
    if (!readyBefore) {
      readyBefore = true;
      return;
    }
    verifier.clearApiKeyCache();
    replay().catch((error: unknown) => log.warn({ err: error }, 'revocation feed: replay failed'));
  });
  subscriber.on('error', (error) => log.warn({ err: error }, 'revocation feed: Redis error'));
  reader.on('error', (error) => log.warn({ err: error }, 'revocation feed: Redis error'));
  subscriber.on('message', (_channel: string, message: string) => {
    const event = parseEvent(message);
    if (event) verifier.applyRevocation(event);
    else log.warn('revocation feed: ignored a malformed event');
  });
  try {
    const timeout = AbortSignal.timeout(startTimeoutMs);
    const stalled = new Promise<never>((_, reject) =>
      timeout.addEventListener('abort', () => reject(new Error(`Redis at ${redisUrl} did not answer within ${startTimeoutMs} ms`))),
    );
    await Promise.race([subscriber.subscribe(revocationChannel(redisPrefix)).then(replay), stalled]);
  } catch (error) {
    subscriber.disconnect();
    reader.disconnect();
    throw error;
  }
  return {
    close: async () => {
      subscriber.disconnect();
      reader.disconnect();
    },
  };
}
