import type { FlowEdge, FlowGraph } from '@omnitron/nodes';

/** Every node with a path to `nodeId` (its ancestors), not `nodeId` itself. */
export function upstreamNodeIds(edges: readonly FlowEdge[], nodeId: string): Set<string> {
  const sourcesOf = new Map<string, string[]>();
  for (const edge of edges) {
    const list = sourcesOf.get(edge.target) ?? [];
    list.push(edge.source);
    sourcesOf.set(edge.target, list);
  }
  const upstream = new Set<string>();
  const stack = [...(sourcesOf.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (upstream.has(id) || id === nodeId) continue;
    upstream.add(id);
    stack.push(...(sourcesOf.get(id) ?? []));
  }
  return upstream;
}

/**
 * The part of a graph a run up to `nodeId` needs: the node, its ancestors and the edges between
 * them. Nothing downstream or beside it is in it, so nothing else can run.
 */
export function graphUpTo(graph: FlowGraph, nodeId: string): FlowGraph {
  const kept = upstreamNodeIds(graph.edges, nodeId).add(nodeId);
  return {
    nodes: graph.nodes.filter((node) => kept.has(node.id)),
    edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
  };
}
