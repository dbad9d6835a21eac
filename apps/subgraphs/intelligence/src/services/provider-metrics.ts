import type { EntityManager } from '@mikro-orm/core';
import { AiCallAttempt } from '../entities/ai-call-attempt.entity';

export interface ProviderMetrics {
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Failed attempts / attempts, 0..1; null without attempts. */
  readonly errorRate: number | null;
  readonly attempts: number;
}

const WINDOW_MS = 86_400_000;
const MAX_ROWS = 20_000;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/** Latency percentiles (successful attempts) and error rate per provider over the last 24 hours. */
export async function providerMetrics(em: EntityManager, workspaceId: string): Promise<Map<string, ProviderMetrics>> {
  const rows = await em.find(
    AiCallAttempt,
    { workspaceId, at: { $gte: new Date(Date.now() - WINDOW_MS) } },
    { fields: ['provider', 'latencyMs', 'outcome'], orderBy: { at: 'desc' }, limit: MAX_ROWS },
  );
  const byProvider = new Map<string, { latencies: number[]; failures: number; total: number }>();
  for (const row of rows) {
    const entry = byProvider.get(row.provider) ?? { latencies: [], failures: 0, total: 0 };
    entry.total += 1;
    if (row.outcome === 'SUCCEEDED') entry.latencies.push(row.latencyMs);
    else entry.failures += 1;
    byProvider.set(row.provider, entry);
  }
  const metrics = new Map<string, ProviderMetrics>();
  for (const [provider, entry] of byProvider) {
    const sorted = entry.latencies.sort((a, b) => a - b);
    metrics.set(provider, {
      latencyP50Ms: percentile(sorted, 50),
      latencyP95Ms: percentile(sorted, 95),
      errorRate: entry.total ? entry.failures / entry.total : null,
      attempts: entry.total,
    });
  }
  return metrics;
}
