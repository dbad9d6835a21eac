import type { FlowGraph } from './flow-graph';

/** Keys that name or place a node without changing what it does. */
const COSMETIC_KEYS = new Set(['label', 'title', 'notes', 'description', 'color']);

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are the same config. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Groups of nodes with the same type and the same config (cosmetic keys aside). Expressions read
 * the shared context (`$input`, `$nodes`), so such nodes compute the same thing twice.
 */
export function duplicateNodes(graph: FlowGraph): string[][] {
  const groups = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const config: Record<string, unknown> = {};
    for (const key of Object.keys(node.data)) if (!COSMETIC_KEYS.has(key)) config[key] = node.data[key];
    const key = `${node.type}\u0000${canonicalJson(config)}`;
    const group = groups.get(key);
    if (group) group.push(node.id);
    else groups.set(key, [node.id]);
  }
  return [...groups.values()].filter((ids) => ids.length > 1);
}
