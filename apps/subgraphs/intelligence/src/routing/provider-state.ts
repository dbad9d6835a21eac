import type { Redis } from 'ioredis';
import type { IntelligenceSettings } from '../settings';
import type { AttemptSample } from './adaptive-order';
import { RECORD_FAILURE_LUA, type BreakerTransition } from './breaker-scripts';

export const CircuitState = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF_OPEN' } as const;
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

/** What all replicas agree about one provider right now (read in one pipelined round trip). */
export interface ProviderState {
  readonly circuit: CircuitState;
  readonly consecutiveFailures: number;
  /** When an open circuit lets a probe through (ms since epoch), 0 when closed. */
  readonly openUntil: number;
  /** Remaining skip time after a 429, 0 when none. */
  readonly coolingDownMs: number;
  /** Calls sent today (UTC). */
  readonly quotaUsed: number;
  /** Recent attempts for the asked task type, newest first. */
  readonly samples: readonly AttemptSample[];
}

export interface StateKey {
  readonly providerId: string;
  readonly workspaceId: string;
  readonly taskType: string;
}

export interface AttemptReport extends StateKey {
  readonly ok: boolean;
  readonly latencyMs: number;
  /** Counts toward opening the circuit (5xx, timeouts, network, malformed, 4xx). */
  readonly countsAgainstCircuit: boolean;
  /** Set for a 429: skip the provider this long. */
  readonly rateLimitedForMs?: number | undefined;
}

const DAY_MS = 86_400_000;
const utcDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

interface BreakerRedis extends Redis {
  omtBreakerFailure(breaker: string, probe: string, threshold: number, now: number, cooldownMs: number, ttlMs: number): Promise<BreakerTransition>;
}

/**
 * Circuit breakers, 429 cool-downs, daily quotas and the learning window, all in Redis so every
 * replica routes alike. Keys (under the client's prefix): `cb:{provider}`, `probe:{provider}`,
 * `cool:{provider}`, `quota:{provider}:{day}`, `stats:{workspace}:{task}:{provider}`.
 */
export class ProviderStateStore {
  private readonly redis: BreakerRedis;

  constructor(redis: Redis, private readonly settings: IntelligenceSettings) {
    if (!('omtBreakerFailure' in redis)) redis.defineCommand('omtBreakerFailure', { numberOfKeys: 2, lua: RECORD_FAILURE_LUA });
    this.redis = redis as BreakerRedis;
  }

  async read(keys: readonly StateKey[], now = Date.now()): Promise<ProviderState[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      pipeline.hmget(`cb:${key.providerId}`, 'failures', 'openUntil');
      pipeline.pttl(`cool:${key.providerId}`);
      pipeline.get(`quota:${key.providerId}:${utcDay(now)}`);
      pipeline.lrange(statsKey(key), 0, this.settings.AI_LEARNING_SAMPLE - 1);
    }
    const replies = (await pipeline.exec()) ?? [];
    return keys.map((_, i) => {
      const [failures, openUntilText] = (replies[i * 4]?.[1] as [string | null, string | null] | undefined) ?? [null, null];
      const coolTtl = Number(replies[i * 4 + 1]?.[1] ?? -2);
      const openUntil = Number(openUntilText ?? 0);
      return {
        circuit: openUntil === 0 ? CircuitState.CLOSED : now < openUntil ? CircuitState.OPEN : CircuitState.HALF_OPEN,
        consecutiveFailures: Number(failures ?? 0),
        openUntil,
        coolingDownMs: coolTtl > 0 ? coolTtl : 0,
        quotaUsed: Number(replies[i * 4 + 2]?.[1] ?? 0),
        samples: ((replies[i * 4 + 3]?.[1] as string[] | undefined) ?? []).map(parseSample).filter((s) => s !== undefined),
      };
    });
  }

  /** A half-open circuit lets one caller (across replicas) probe; the others keep skipping. */
  async claimProbe(providerId: string): Promise<boolean> {
    const reply = await this.redis.set(`probe:${providerId}`, '1', 'PX', this.settings.AI_PROVIDER_TIMEOUT_MS + 1_000, 'NX');
    return reply === 'OK';
  }

  async record(report: AttemptReport, now = Date.now()): Promise<void> {
    const { providerId } = report;
    const pipeline = this.redis.pipeline();
    const quota = `quota:${providerId}:${utcDay(now)}`;
    pipeline.incr(quota).pexpire(quota, 2 * DAY_MS);
    const stats = statsKey(report);
    pipeline
      .lpush(stats, `${now}:${report.ok ? 1 : 0}:${Math.round(report.latencyMs)}`)
      .ltrim(stats, 0, this.settings.AI_LEARNING_SAMPLE - 1)
      .pexpire(stats, this.settings.AI_LEARNING_WINDOW_MS);
    if (report.ok) {
      pipeline.hset(`cb:${providerId}`, 'failures', 0, 'openUntil', 0).del(`probe:${providerId}`);
    } else if (report.countsAgainstCircuit) {
      (pipeline as unknown as { omtBreakerFailure: (...args: unknown[]) => void }).omtBreakerFailure(
        `cb:${providerId}`,
        `probe:${providerId}`,
        this.settings.AI_BREAKER_THRESHOLD,
        now,
        this.settings.AI_BREAKER_COOLDOWN_MS,
        DAY_MS,
      );
    } else {
      pipeline.del(`probe:${providerId}`);
    }
    if (report.rateLimitedForMs !== undefined && report.rateLimitedForMs > 0) {
      pipeline.set(`cool:${providerId}`, String(now + report.rateLimitedForMs), 'PX', Math.ceil(report.rateLimitedForMs));
    }
    await pipeline.exec();
  }

  /** Forgets everything about a removed provider. */
  async forget(providerId: string): Promise<void> {
    await this.redis.del(`cb:${providerId}`, `probe:${providerId}`, `cool:${providerId}`);
  }
}

function statsKey(key: StateKey): string {
  return `stats:${key.workspaceId}:${key.taskType}:${key.providerId}`;
}

function parseSample(entry: string): AttemptSample | undefined {
  const [at, ok, latency] = entry.split(':').map(Number);
  return at === undefined || ok === undefined || latency === undefined || Number.isNaN(at) ? undefined : { at, ok: ok === 1, latencyMs: latency };
}
