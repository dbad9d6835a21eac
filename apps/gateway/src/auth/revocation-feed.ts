import { Redis } from 'ioredis';
import { revocationChannel, revocationEventSchema, type CredentialVerifier, type Logger } from '@omnitron/server-kit';

export interface RevocationFeed {
  close(): Promise<void>;
}

/**
 * Listens on identity's revocation channel and applies each event to the verifier, so a revoked
 * API key, ended session or changed membership is refused at once on this gateway. After a
 * reconnect, events may have been missed, so every cached API-key grant is dropped.
 */
export async function followRevocations(verifier: CredentialVerifier, redisUrl: string, redisPrefix: string, log: Logger): Promise<RevocationFeed> {
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
  let readyBefore = false;
  subscriber.on('ready', () => {
    if (readyBefore) verifier.clearApiKeyCache();
    readyBefore = true;
  });
  subscriber.on('error', (error) => log.warn({ err: error }, 'revocation feed: Redis error'));
  subscriber.on('message', (_channel: string, message: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    const event = revocationEventSchema.safeParse(parsed);
    if (event.success) verifier.applyRevocation(event.data);
    else log.warn('revocation feed: ignored a malformed event');
  });
  await subscriber.subscribe(revocationChannel(redisPrefix));
  return {
    close: async () => {
      subscriber.disconnect();
    },
  };
}
