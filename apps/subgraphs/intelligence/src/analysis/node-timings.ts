import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { FlowNodeTiming } from '../entities/flow-node-timing.entity';
import type { NodeTimingSummary } from './expensive-nodes';

/** Body of `POST /internal/stats/node-runs`: finished node runs of one execution. */
export const nodeTimingsSchema = z.object({
  flowId: z.string().uuid(),
  nodeRuns: z.array(z.object({ nodeId: z.string().min(1).max(200), durationMs: z.number().min(0).max(86_400_000) })).max(5_000),
});
export type NodeTimingsReport = z.infer<typeof nodeTimingsSchema>;

/** Adds each run to its node's totals (another workspace's flow id is ignored). */
export async function recordNodeTimings(em: EntityManager, workspaceId: string, report: NodeTimingsReport): Promise<void> {
  if (report.nodeRuns.length === 0) return;
  const existing = await em.find(FlowNodeTiming, { flowId: report.flowId });
  if (existing.some((t) => t.workspaceId !== workspaceId)) return;
  const byNode = new Map(existing.map((t) => [t.nodeId, t]));
  for (const run of report.nodeRuns) {
    const ms = Math.round(run.durationMs);
    const timing = byNode.get(run.nodeId);
    if (timing) {
      timing.runs += 1;
      timing.totalMs += ms;
      timing.maxMs = Math.max(timing.maxMs, ms);
    } else {
      byNode.set(run.nodeId, em.create(FlowNodeTiming, { flowId: report.flowId, nodeId: run.nodeId, workspaceId, runs: 1, totalMs: ms, maxMs: ms }));
    }
  }
  await em.flush();
}

export async function nodeTimingsOf(em: EntityManager, workspaceId: string, flowId: string): Promise<NodeTimingSummary[]> {
  const rows = await em.find(FlowNodeTiming, { flowId, workspaceId });
  return rows.map((t) => ({ nodeId: t.nodeId, runs: t.runs, averageMs: t.totalMs / t.runs, maxMs: t.maxMs }));
}
