import type { Redis } from 'ioredis';
import { revocationChannel, type Logger, type RevocationEvent } from '@omnitron/server-kit';

/** Announces revocations to every gateway (Redis pub/sub) so cached grants die at once. */
export class RevocationPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly log: Logger,
  ) {}

  async publish(event: RevocationEvent): Promise<void> {
    try {
      await this.redis.publish(revocationChannel(this.redisPrefix), JSON.stringify(event));
    } catch (error) {
      // The change is committed; gateways still stop trusting it when their short cache expires.
      this.log.error({ err: error, event: event.kind }, 'could not publish revocation');
    }
  }
}
