import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { throwRateLimited, type Caller } from '@omnitron/server-kit';

/**
 * Requests per minute per caller (API key, else user, else client IP), counted in Redis so every
 * gateway replica shares one budget. Callers over it are blocked in memory until the window
 * ends, so a flood costs no Redis round-trips.
 */
export class RequestBudget {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis, redisPrefix: string, readonly perMinute: number) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${redisPrefix}:rl:gateway`,
      points: perMinute,
      duration: 60,
      inMemoryBlockOnConsumed: perMinute,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
  }

  static keyOf(caller: Caller | null, clientIp: string): string {
    if (caller?.apiKeyId) return `key:${caller.apiKeyId}`;
    return caller ? `user:${caller.userId}` : `ip:${clientIp}`;
  }

  /** Spends one request; RATE_LIMITED with retryAfterSeconds when the budget is gone. */
  async spend(caller: Caller | null, clientIp: string): Promise<void> {
    try {
      await this.limiter.consume(RequestBudget.keyOf(caller, clientIp));
    } catch (rejection) {
      throwRateLimited(rejection, `Request budget of ${this.perMinute} per minute used up`);
    }
  }

  /** `spend` for an HTTP request: over budget also sets `Retry-After` for the 429 that follows. */
  async spendHttp(caller: Caller | null, clientIp: string, res: ServerResponse): Promise<void> {
    try {
      await this.spend(caller, clientIp);
    } catch (error) {
      if (error instanceof OmnitronError && error.code === ErrorCode.RATE_LIMITED) {
        res.setHeader('retry-after', String(error.extensions.retryAfterSeconds));
      }
      throw error;
    }
  }
}
