import { isTriggerType, type FlowGraph } from './flow-graph';

/** Nodes no trigger leads to. Without any trigger nothing can run, so nothing is reported here. */
export function unreachableNodes(graph: FlowGraph): string[] {
  const triggers = graph.nodes.filter((n) => isTriggerType(n.type)).map((n) => n.id);
  if (triggers.length === 0) return [];
  const reached = new Set<string>();
  const stack = [...triggers];
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of graph.outbound.get(id)!) if (!reached.has(next)) stack.push(next);
  }
  return graph.nodes.filter((n) => !reached.has(n.id)).map((n) => n.id);
}

/** Nodes with no outgoing edge that are not `output` nodes: where a branch stops. */
export function deadEndNodes(graph: FlowGraph): string[] {
  return graph.nodes.filter((n) => n.type !== 'output' && graph.outbound.get(n.id)!.length === 0).map((n) => n.id);
}
