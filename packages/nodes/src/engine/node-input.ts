import { isEdgeLive } from './propagate';
import type { RunState } from './run-state';

/**
 * What a node receives from upstream: the execution input for roots, the single live upstream
 * output, or the live upstream outputs keyed by node id (always keyed for `merge`).
 */
export function upstreamOf(state: RunState, index: number, executionInput: unknown): unknown {
  const { graph } = state;
  const inbound = graph.incoming[index] ?? [];
  if (inbound.length === 0) return executionInput;
  const keyed = graph.nodes[index]?.definition.upstream === 'keyed';
  if (inbound.length === 1 && !keyed) {
    const edge = inbound[0];
    return edge === undefined ? undefined : state.outputs[graph.ids[edge.source] as string];
  }
  const values: Record<string, unknown> = {};
  let count = 0;
  let only: unknown;
  for (const edge of inbound) {
    if (!isEdgeLive(state, edge.source, edge.handle)) continue;
    const id = graph.ids[edge.source] as string;
    only = values[id] = state.outputs[id];
    count++;
  }
  return count === 1 && !keyed ? only : values;
}
