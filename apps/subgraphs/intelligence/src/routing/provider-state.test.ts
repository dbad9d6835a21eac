import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { loadIntelligenceSettings } from '../settings';
import { ProviderStateStore, type AttemptReport } from './provider-state';

const prefix = `${throwawayRedisPrefix('intelligence-state')}:intelligence:`;
const settings = loadIntelligenceSettings({}, { AI_BREAKER_THRESHOLD: 2, AI_BREAKER_COOLDOWN_MS: 200 });
/** Two replicas: separate connections, one Redis, one prefix. */
const connections = [new Redis(testRedisUrl, { keyPrefix: prefix }), new Redis(testRedisUrl, { keyPrefix: prefix })];
const [replicaA, replicaB] = connections.map((redis) => new ProviderStateStore(redis, settings)) as [ProviderStateStore, ProviderStateStore];

afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  const plain = new Redis(testRedisUrl);
  const keys = await plain.keys(`${prefix}*`);
  if (keys.length) await plain.del(...keys);
  plain.disconnect();
});

const key = () => ({ providerId: randomUUID(), workspaceId: randomUUID(), taskType: 'summarisation' });
const failure = (k: ReturnType<typeof key>): AttemptReport => ({ ...k, ok: false, latencyMs: 5, countsAgainstCircuit: true });

describe('ProviderStateStore across replicas', () => {
  it('opens the circuit for every replica once one has seen enough consecutive failures', async () => {
    const k = key();
    await replicaA.record(failure(k));
    expect((await replicaB.read([k]))[0]).toMatchObject({ circuit: 'CLOSED', consecutiveFailures: 1 });
    await replicaB.record(failure(k));
    expect((await replicaA.read([k]))[0]).toMatchObject({ circuit: 'OPEN', consecutiveFailures: 2 });
  });

  it('lets exactly one replica probe a half-open circuit, and a success closes it for all', async () => {
    const k = key();
    await replicaA.record(failure(k));
    await replicaA.record(failure(k));
    await new Promise((resolve) => setTimeout(resolve, 220));
    expect((await replicaB.read([k]))[0]!.circuit).toBe('HALF_OPEN');
    const claims = await Promise.all([replicaA.claimProbe(k), replicaB.claimProbe(k)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await replicaA.record({ ...k, ok: true, latencyMs: 3, countsAgainstCircuit: false });
    expect((await replicaB.read([k]))[0]).toMatchObject({ circuit: 'CLOSED', consecutiveFailures: 0 });
  });

  it('does not count refusals or 429s toward the circuit, but shares the 429 cool-down and the quota', async () => {
    const k = key();
    await replicaA.record({ ...k, ok: false, latencyMs: 1, countsAgainstCircuit: false, rateLimitedForMs: 5_000 });
    await replicaA.record({ ...k, ok: false, latencyMs: 1, countsAgainstCircuit: false });
    const [state] = await replicaB.read([k]);
    expect(state).toMatchObject({ circuit: 'CLOSED', consecutiveFailures: 0, quotaUsed: 2 });
    expect(state!.coolingDownMs).toBeGreaterThan(4_000);
    expect(state!.samples.map((s) => s.ok)).toEqual([false, false]);
  });
});
