import type { FlowGraph } from './flow-graph';

export interface Layering {
  /** 1-based longest-path depth of each node outside cycles. */
  readonly depth: ReadonlyMap<string, number>;
  /** Topological order of the nodes outside cycles. */
  readonly order: readonly string[];
  /** Nodes on or behind a cycle: never settled by Kahn's algorithm. */
  readonly cyclic: readonly string[];
}

/** Kahn's algorithm from every node without inbound edges, keeping the longest distance. */
export function layer(graph: FlowGraph): Layering {
  const remaining = new Map(graph.nodes.map((n) => [n.id, graph.inbound.get(n.id)!.length]));
  const depth = new Map<string, number>();
  const order = graph.nodes.filter((n) => remaining.get(n.id) === 0).map((n) => n.id);
  for (const id of order) depth.set(id, 1);
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    const next = depth.get(id)! + 1;
    for (const target of graph.outbound.get(id)!) {
      if (next > (depth.get(target) ?? 0)) depth.set(target, next);
      const left = remaining.get(target)! - 1;
      remaining.set(target, left);
      if (left === 0) order.push(target);
    }
  }
  const settled = new Set(order);
  const cyclic = graph.nodes.filter((n) => !settled.has(n.id)).map((n) => n.id);
  for (const id of cyclic) depth.delete(id);
  return { depth, order, cyclic };
}

/** Nodes at the same longest-path depth have no path between them: each group can run at once. */
export function parallelGroups(layering: Layering): string[][] {
  const groups = new Map<number, string[]>();
  for (const id of layering.order) {
    const d = layering.depth.get(id)!;
    const group = groups.get(d);
    if (group) group.push(id);
    else groups.set(d, [id]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, ids]) => ids).filter((ids) => ids.length > 1);
}
