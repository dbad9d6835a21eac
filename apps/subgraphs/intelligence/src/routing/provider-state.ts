import type { Redis } from 'ioredis';
import type { IntelligenceSettings } from '../settings';
import type { AttemptSample } from './adaptive-order';
import { READ_STATE_LUA, RECORD_ATTEMPT_LUA, type BreakerTransition } from './breaker-scripts';

export const CircuitState = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF_OPEN' } as const;
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

/** What all replicas agree about one provider right now (read in one round trip). */
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

/** Keys of one provider; `{workspace}` is the Redis Cluster hash tag. */
export function stateKeys(key: Pick<StateKey, 'workspaceId' | 'providerId'> & { taskType?: string }, now = Date.now()) {
  const tag = `{${key.workspaceId}}`;
  return {
    breaker: `${tag}:cb:${key.providerId}`,
    probe: `${tag}:probe:${key.providerId}`,
    cool: `${tag}:cool:${key.providerId}`,
    quota: `${tag}:quota:${key.providerId}:${utcDay(now)}`,
    stats: `${tag}:stats:${key.taskType ?? '-'}:${key.providerId}`,
  };
}

interface StateRedis extends Redis {
  omtReadState(...args: Array<string | number>): Promise<unknown[]>;
  omtRecordAttempt(...args: Array<string | number>): Promise<BreakerTransition>;
}

/**
 * Circuit breakers, 429 cool-downs, daily quotas and the learning samples, all in Redis so every
 * replica routes alike. One script call to read every target of a route, one to record an attempt.
 */
export class ProviderStateStore {
  private readonly redis: StateRedis;

  constructor(redis: Redis, private readonly settings: IntelligenceSettings) {
    if (!('omtReadState' in redis)) {
      redis.defineCommand('omtReadState', { lua: READ_STATE_LUA });
      redis.defineCommand('omtRecordAttempt', { numberOfKeys: 5, lua: RECORD_ATTEMPT_LUA });
    }
    this.redis = redis as StateRedis;
  }

  /** Keys must all belong to one workspace (one hash slot). */
  async read(keys: readonly StateKey[], now = Date.now()): Promise<ProviderState[]> {
    if (keys.length === 0) return [];
    const redisKeys = keys.flatMap((key) => {
      const k = stateKeys(key, now);
      return [k.breaker, k.cool, k.quota, k.stats];
    });
    const reply = await this.redis.omtReadState(redisKeys.length, ...redisKeys, this.settings.AI_LEARNING_SAMPLE);
    return keys.map((_, i) => {
      const [failures, openUntilText, coolTtl, quotaUsed, samples] = reply.slice(i * 5, i * 5 + 5) as [string, string, number, string, string[]];
      const openUntil = Number(openUntilText);
      return {
        circuit: openUntil === 0 ? CircuitState.CLOSED : now < openUntil ? CircuitState.OPEN : CircuitState.HALF_OPEN,
        consecutiveFailures: Number(failures),
        openUntil,
        coolingDownMs: coolTtl > 0 ? coolTtl : 0,
        quotaUsed: Number(quotaUsed),
        samples: samples.map(parseSample).filter((s) => s !== undefined),
      };
    });
  }

  /** A half-open circuit lets one caller (across replicas) probe; the others keep skipping. */
  async claimProbe(key: Pick<StateKey, 'workspaceId' | 'providerId'>): Promise<boolean> {
    const reply = await this.redis.set(stateKeys(key).probe, '1', 'PX', this.settings.AI_PROVIDER_TIMEOUT_MS + 1_000, 'NX');
    return reply === 'OK';
  }

  async record(report: AttemptReport, now = Date.now()): Promise<BreakerTransition> {
    const k = stateKeys(report, now);
    return this.redis.omtRecordAttempt(
      k.breaker, k.probe, k.cool, k.quota, k.stats,
      report.ok ? 1 : 0,
      report.countsAgainstCircuit ? 1 : 0,
      this.settings.AI_BREAKER_THRESHOLD,
      now,
      this.settings.AI_BREAKER_COOLDOWN_MS,
      DAY_MS,
      `${now}:${report.ok ? 1 : 0}:${Math.round(report.latencyMs)}`,
      this.settings.AI_LEARNING_SAMPLE,
      this.settings.AI_LEARNING_WINDOW_MS,
      Math.ceil(report.rateLimitedForMs ?? 0),
      2 * DAY_MS,
    );
  }

  /** Forgets the breaker and cool-down of a removed provider (quota and samples expire). */
  async forget(key: Pick<StateKey, 'workspaceId' | 'providerId'>): Promise<void> {
    const k = stateKeys(key);
    await this.redis.del(k.breaker, k.probe, k.cool);
  }
}

function parseSample(entry: string): AttemptSample | undefined {
  const [at, ok, latency] = entry.split(':').map(Number);
  return at === undefined || ok === undefined || latency === undefined || Number.isNaN(at) ? undefined : { at, ok: ok === 1, latencyMs: latency };
}
