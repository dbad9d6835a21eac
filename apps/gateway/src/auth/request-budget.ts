import type { ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { rateLimited, throwRateLimited, type Caller } from '@omnitron/server-kit';

const WINDOW_MS = 60_000;

/**
 * Adds `lease` to a caller's count for the current window (started by its first request) and
 * answers `[count after, ms left in the window]`. Atomic, so replicas never grant the same request twice.
 */
const TAKE_LEASE = `
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return { used, ttl }`;

/** What this replica holds of one caller's window. */
interface Lease {
  /** Requests taken from the shared count and not yet spent here. */
  remaining: number;
  /** When the Redis window ends (the lease dies with it). */
  windowEndsAt: number;
  /** The size of the next lease: doubles while the caller keeps calling. */
  nextLease: number;
  /** Set when the shared count is used up: refuse without asking Redis until the window ends. */
  exhausted: boolean;
  /** A lease being taken: concurrent requests of the caller wait for it instead of taking their own. */
  pending?: Promise<void>;
}

/**
 * Requests per minute per caller (API key, else user, else client IP), counted in Redis so every
 * gateway replica shares one budget. A replica takes requests from the shared count in leases, one
 * Redis round trip per lease rather than per request: the first lease of a window is 1 request and
 * each next one doubles, up to 1/20 of the budget, so a caller making few requests is counted
 * exactly and a busy one costs a round trip per lease. A lease never grants more than the shared
 * count has left, so the budget is never exceeded; requests leased by a replica and not spent when
 * the window ends are lost (a caller spread over replicas may be refused up to one lease per
 * replica early). Callers over budget are refused from memory until the window ends. When Redis
 * fails, an in-memory budget per replica stands in. A request may cost several units (each root
 * field of a mutation is one): it is granted whole or refused whole.
 */
export class RequestBudget {
  private readonly leases = new Map<string, Lease>();
  private readonly maxLease: number;
  private readonly insurance: RateLimiterMemory;

  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    readonly perMinute: number,
  ) {
    this.maxLease = Math.max(1, Math.floor(perMinute / 20));
    this.insurance = new RateLimiterMemory({ points: perMinute, duration: WINDOW_MS / 1000 });
  }

  static keyOf(caller: Caller | null, clientIp: string): string {
    if (caller?.apiKeyId) return `key:${caller.apiKeyId}`;
    return caller ? `user:${caller.userId}` : `ip:${clientIp}`;
  }

  /**
   * Spends `units` requests (a request running five mutations spends five), all or none;
   * RATE_LIMITED with retryAfterSeconds when the budget has fewer left.
   */
  spend(caller: Caller | null, clientIp: string, units = 1): Promise<void> {
    return this.spendKey(RequestBudget.keyOf(caller, clientIp), units);
  }

  /** `spend` for any key (the webhook budget counts per path). */
  async spendKey(key: string, units = 1): Promise<void> {
    for (;;) {
      const now = Date.now();
      let lease = this.leases.get(key);
      if (lease && now >= lease.windowEndsAt && !lease.pending) {
        this.leases.delete(key);
        lease = undefined;
      }
      if (lease?.pending) {
        await lease.pending;
        continue;
      }
      if (lease && lease.remaining >= units) {
        lease.remaining -= units;
        return;
      }
      // What is left here stays for smaller requests of the window; this one is refused whole.
      if (lease?.exhausted) throw this.refusal(lease.windowEndsAt - now);
      const current = lease ?? { remaining: 0, windowEndsAt: Infinity, nextLease: 1, exhausted: false };
      if (!lease) this.remember(key, current);
      let fallback = false;
      current.pending = this.takeLease(key, current, units - current.remaining).then(
        () => undefined,
        () => void (fallback = true),
      );
      await current.pending;
      current.pending = undefined;
      if (fallback) {
        this.leases.delete(key);
        return this.spendInMemory(key, units);
      }
    }
  }

  /** `spend` for an HTTP request: over budget also sets `Retry-After` for the 429 that follows. */
  spendHttp(caller: Caller | null, clientIp: string, res: ServerResponse, units = 1): Promise<void> {
    return this.spendKeyHttp(RequestBudget.keyOf(caller, clientIp), res, units);
  }

  /** `spendKey` for an HTTP request, setting `Retry-After` when refused. */
  async spendKeyHttp(key: string, res: ServerResponse, units = 1): Promise<void> {
    try {
      await this.spendKey(key, units);
    } catch (error) {
      if (error instanceof OmnitronError && error.code === ErrorCode.RATE_LIMITED) {
        res.setHeader('retry-after', String(error.extensions.retryAfterSeconds));
      }
      throw error;
    }
  }

  /**
   * RATE_LIMITED when this replica already knows the key's budget is used up for the window
   * (a refused spend); nothing is spent and Redis is not asked.
   */
  assertNotExhausted(key: string, res: ServerResponse): void {
    const lease = this.leases.get(key);
    const msLeft = lease ? lease.windowEndsAt - Date.now() : 0;
    if (!lease?.exhausted || msLeft <= 0) return;
    const refusal = this.refusal(msLeft);
    res.setHeader('retry-after', String(refusal.extensions.retryAfterSeconds));
    throw refusal;
  }

  /** Takes the next lease, and at least `needed` requests, from the shared count. */
  private async takeLease(key: string, lease: Lease, needed: number): Promise<void> {
    const size = Math.max(lease.nextLease, needed);
    const [used, msLeft] = (await this.redis.eval(TAKE_LEASE, 1, `${this.redisPrefix}:rl:gateway:${key}`, size, WINDOW_MS)) as [number, number];
    const granted = Math.min(size, this.perMinute - (used - size));
    lease.windowEndsAt = Date.now() + msLeft;
    lease.remaining += Math.max(0, granted);
    lease.exhausted = granted <= 0;
    lease.nextLease = Math.min(lease.nextLease * 2, this.maxLease);
  }

  private async spendInMemory(key: string, units: number): Promise<void> {
    try {
      await this.insurance.consume(key, units);
    } catch (rejection) {
      throwRateLimited(rejection, this.message);
    }
  }

  private refusal(msLeft: number): OmnitronError {
    return rateLimited(Math.max(0, msLeft) / 1000, this.message);
  }

  private get message(): string {
    return `Request budget of ${this.perMinute} per minute used up`;
  }

  /** Keeps the map to callers of the current windows: ended windows go when it grows. */
  private remember(key: string, lease: Lease): void {
    if (this.leases.size >= 10_000) {
      const now = Date.now();
      for (const [other, held] of this.leases) if (now >= held.windowEndsAt && !held.pending) this.leases.delete(other);
    }
    this.leases.set(key, lease);
  }
}
