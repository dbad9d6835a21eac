import type { EntityManager } from '@mikro-orm/core';
import { Execution } from '../entities/execution.entity';

/** Stats cover the most recent finished runs, so the query stays bounded on busy flows. */
const SAMPLE = 1_000;

export interface FlowStats {
  runs: number;
  successRate: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function flowStats(em: EntityManager, workspaceId: string, flowId: string): Promise<FlowStats> {
  const finished = await em.find(
    Execution,
    { workspaceId, flowId, parentExecutionId: null, status: { $in: ['SUCCEEDED', 'FAILED', 'CANCELLED'] } },
    { fields: ['status', 'durationMs'], orderBy: { createdAt: 'desc' }, limit: SAMPLE },
  );
  const durations = finished.flatMap((e) => (typeof e.durationMs === 'number' ? [e.durationMs] : [])).sort((a, b) => a - b);
  const succeeded = finished.filter((e) => e.status === 'SUCCEEDED').length;
  return {
    runs: finished.length,
    successRate: finished.length === 0 ? null : succeeded / finished.length,
    p50DurationMs: percentile(durations, 50),
    p95DurationMs: percentile(durations, 95),
  };
}
