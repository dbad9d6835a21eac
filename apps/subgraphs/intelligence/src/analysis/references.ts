import type { FlowGraph } from './flow-graph';

/**
 * How JSONata expressions and `{{ }}` templates read another node's output: `$nodes.fetch`,
 * `` $nodes.`node-1` `` (ids that are not plain names), `$nodes["fetch"]` and `$lookup($nodes, "fetch")`.
 */
const REFERENCE = /\$nodes(?:\.([A-Za-z_]\w*)|\.`([^`]+)`|\[\s*["']([^"']+)["']\s*\])|\$lookup\(\s*\$nodes\s*,\s*["']([^"']+)["']\s*\)/g;

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectStrings(item, out);
}

/** Node ids a config mentions through `$nodes` (ids that do not exist are kept; callers filter). */
export function referencedNodeIds(data: unknown): Set<string> {
  const strings: string[] = [];
  collectStrings(data, strings);
  const ids = new Set<string>();
  for (const text of strings) {
    if (!text.includes('$nodes')) continue;
    for (const match of text.matchAll(REFERENCE)) ids.add((match[1] ?? match[2] ?? match[3] ?? match[4])!);
  }
  return ids;
}

/** For each node, the nodes whose output it reads through `$nodes`. */
export function referencesByNode(graph: FlowGraph): Map<string, Set<string>> {
  return new Map(graph.nodes.map((n) => [n.id, referencedNodeIds(n.data)]));
}
