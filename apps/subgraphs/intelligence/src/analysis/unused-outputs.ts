import type { AnalysisNode, FlowGraph } from './flow-graph';

/**
 * Whether running a node matters beyond its output: calls that change the world (non-GET HTTP,
 * non-SELECT SQL, subflows and maps of flows that may) and the `output` node itself.
 */
export function hasSideEffects(node: AnalysisNode): boolean {
  switch (node.type) {
    case 'output':
    case 'subflow':
    case 'map':
      return true;
    case 'http.request':
      return !['GET', 'HEAD', 'OPTIONS'].includes(String(node.data.method ?? 'GET').toUpperCase());
    case 'database.query':
      return !/^\s*(select|with|show|explain)\b/i.test(String(node.data.sql ?? ''));
    default:
      return false;
  }
}

/**
 * A node's output is unused when all of these hold:
 *  1. it has no outgoing edge (nothing runs after it with its output as input);
 *  2. no other node's config reads it through `$nodes.<id>` (expressions and templates);
 *  3. running it has no side effect (`hasSideEffects`), so its only product is that output.
 * Such a node costs time (and, for `ai.generate`, money) for nothing.
 */
export function unusedOutputs(graph: FlowGraph, references: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const read = new Set<string>();
  for (const [reader, ids] of references) for (const id of ids) if (id !== reader) read.add(id);
  return graph.nodes
    .filter((n) => graph.outbound.get(n.id)!.length === 0 && !read.has(n.id) && !hasSideEffects(n))
    .map((n) => n.id);
}
