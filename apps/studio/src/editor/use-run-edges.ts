import { useMemo } from 'react';
import { nodeView, type RunView } from '../run/run-state';
import type { FlowEdge } from './flow-types';

const REACHED = new Set(['RUNNING', 'RETRYING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);

/** An edge is on the path taken when its source succeeded through that handle and its target was reached. */
export function isEdgeTaken(run: RunView, edge: FlowEdge): boolean {
  const source = nodeView(run, edge.source);
  if (source.state !== 'SUCCEEDED' && source.state !== 'FAILED') return false;
  if (source.handle && edge.sourceHandle && source.handle !== edge.sourceHandle) return false;
  return REACHED.has(nodeView(run, edge.target).state);
}

/** The edges as drawn: during a run, the path taken is animated. */
export function useRunEdges(edges: FlowEdge[], run: RunView | null): FlowEdge[] {
  return useMemo(() => {
    if (!run) return edges;
    return edges.map((edge) => {
      const taken = isEdgeTaken(run, edge);
      return taken === Boolean(edge.animated) ? edge : { ...edge, animated: taken, className: taken ? 'edge-taken' : undefined };
    });
  }, [edges, run]);
}
