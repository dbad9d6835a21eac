import type { FlowGraph } from './flow-graph';
import type { Layering } from './layering';

export interface ReferenceProblem {
  /** The node whose config reads `$nodes.<target>`. */
  readonly reader: string;
  readonly target: string;
  /** No node has that id (a typo, or a node deleted since). */
  readonly missing: boolean;
}

/** For each node outside cycles, the set of nodes with a path to it, as a bitset over node order. */
function ancestors(graph: FlowGraph, layering: Layering): Map<string, Uint32Array> {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const words = Math.ceil(graph.nodes.length / 32);
  const result = new Map<string, Uint32Array>();
  for (const id of layering.order) {
    const bits = new Uint32Array(words);
    for (const parent of graph.inbound.get(id)!) {
      const above = result.get(parent);
      if (!above) continue;
      for (let w = 0; w < words; w++) bits[w]! |= above[w]!;
      const p = index.get(parent)!;
      bits[p >>> 5]! |= 1 << (p & 31);
    }
    result.set(id, bits);
  }
  return result;
}

/**
 * `$nodes.<id>` reads that cannot work: the id is no node of the flow, or that node does not run
 * before the reader (no path from it), so its output may not exist yet when the reader runs.
 * Nodes on cycles are left to the cycle finding.
 */
export function referencesNotUpstream(graph: FlowGraph, layering: Layering, references: ReadonlyMap<string, ReadonlySet<string>>): ReferenceProblem[] {
  if (![...references.values()].some((ids) => ids.size > 0)) return [];
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const above = ancestors(graph, layering);
  const problems: ReferenceProblem[] = [];
  for (const [reader, targets] of references) {
    const bits = above.get(reader);
    if (!bits) continue;
    for (const target of targets) {
      if (target === reader) continue;
      const at = index.get(target);
      if (at === undefined) problems.push({ reader, target, missing: true });
      else if (!(bits[at >>> 5]! & (1 << (at & 31)))) problems.push({ reader, target, missing: false });
    }
  }
  return problems;
}
