import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { throwRateLimited } from '@omnitron/server-kit';

export interface LoginThrottleOptions {
  readonly redis: Redis;
  readonly redisPrefix: string;
  /** Attempts per email and per client IP in one window. @default 10 */
  readonly attempts?: number;
  /** @default 900 (15 minutes) */
  readonly windowSeconds?: number;
  /** Sign-ups per client IP per hour. @default 30 */
  readonly registrationsPerHour?: number;
}

const MESSAGE = 'Too many sign-in attempts; try again later';

/**
 * Counts sign-in attempts per email and per client IP in Redis, so brute force and credential
 * stuffing slow to a crawl across every identity replica. Falls back to memory if Redis fails.
 */
export class LoginThrottle {
  private readonly byEmail: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;
  private readonly registrations: RateLimiterRedis;

  constructor(options: LoginThrottleOptions) {
    const points = options.attempts ?? 10;
    const duration = options.windowSeconds ?? 900;
    const limiter = (name: string, p: number, d: number) =>
      new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `${options.redisPrefix}:rl:${name}`,
        points: p,
        duration: d,
        insuranceLimiter: new RateLimiterMemory({ points: p, duration: d }),
      });
    this.byEmail = limiter('login-email', points, duration);
    this.byIp = limiter('login-ip', points, duration);
    this.registrations = limiter('register-ip', options.registrationsPerHour ?? 30, 3600);
  }

  /** Counts one attempt; RATE_LIMITED with retryAfterSeconds when over either limit. */
  async attempt(email: string, ip: string | null): Promise<void> {
    try {
      await Promise.all([this.byEmail.consume(email), ip ? this.byIp.consume(ip) : undefined]);
    } catch (rejection) {
      throwRateLimited(rejection, MESSAGE);
    }
  }

  /**
   * A successful sign-in clears the email's count and gives the IP its point back, so only
   * failures add up (a shared office IP is not locked out by its own users signing in).
   */
  async succeeded(email: string, ip: string | null): Promise<void> {
    await Promise.all([this.byEmail.delete(email), ip ? this.byIp.reward(ip, 1) : undefined]);
  }

  async registration(ip: string | null): Promise<void> {
    if (!ip) return;
    try {
      await this.registrations.consume(ip);
    } catch (rejection) {
      throwRateLimited(rejection, 'Too many sign-ups from this address; try again later');
    }
  }
}
