import type { FlowGraph } from './flow-graph';
import type { Layering } from './layering';

export interface CriticalPath {
  readonly nodeIds: readonly string[];
  /** Sum of recorded average run times along the path; null without timings. */
  readonly durationMs: number | null;
}

/**
 * The heaviest path through the DAG: by recorded average run time when timings exist (nodes
 * without one weigh 0), else by node count. Each node extends its heaviest predecessor (the first
 * in input order on ties); the path ends at the last heaviest node in topological order.
 */
export function criticalPath(graph: FlowGraph, layering: Layering, averageMs?: ReadonlyMap<string, number>): CriticalPath {
  const timed = averageMs !== undefined && averageMs.size > 0;
  const weight = (id: string): number => (timed ? (averageMs.get(id) ?? 0) : 1);
  const best = new Map<string, number>();
  const parent = new Map<string, string>();
  let end: string | undefined;
  for (const id of layering.order) {
    let incoming = -1;
    for (const source of graph.inbound.get(id)!) {
      const via = best.get(source);
      if (via !== undefined && via > incoming) {
        incoming = via;
        parent.set(id, source);
      }
    }
    best.set(id, Math.max(0, incoming) + weight(id));
    // `>=`: among equally heavy paths, follow the one that goes further (zero-cost nodes included).
    if (end === undefined || best.get(id)! >= best.get(end)!) end = id;
  }
  const nodeIds: string[] = [];
  for (let at = end; at !== undefined; at = parent.get(at)) nodeIds.unshift(at);
  return { nodeIds, durationMs: timed && end !== undefined ? best.get(end)! : null };
}
