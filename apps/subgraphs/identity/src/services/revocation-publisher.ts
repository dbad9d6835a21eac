import type { Redis } from 'ioredis';
import { REVOCATION_MEMORY_MS, recentRevocationsKey, revocationChannel, type Logger, type RevocationEvent } from '@omnitron/server-kit';

/**
 * Announces revocations to every gateway (Redis pub/sub) so cached grants die at once, and keeps
 * the recent ones in a sorted set for gateways that start or reconnect later.
 */
export class RevocationPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly log: Logger,
  ) {}

  async publish(event: RevocationEvent): Promise<void> {
    try {
      const message = JSON.stringify(event);
      const recent = recentRevocationsKey(this.redisPrefix);
      const now = Date.now();
      await this.redis
        .multi()
        .zadd(recent, now, `${now}:${message}`)
        .zremrangebyscore(recent, '-inf', now - REVOCATION_MEMORY_MS)
        .pexpire(recent, REVOCATION_MEMORY_MS)
        .publish(revocationChannel(this.redisPrefix), message)
        .exec();
    } catch (error) {
      // The change is committed; gateways still stop trusting it when their short cache expires.
      this.log.error({ err: error, event: event.kind }, 'could not publish revocation');
    }
  }
}
