import type { FlowGraph } from './flow-graph';

/** Keys that name or place a node without changing what it does. */
const COSMETIC_KEYS = new Set(['label', 'title', 'notes', 'description', 'color']);

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are the same config. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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
    const config = Object.fromEntries(Object.entries(node.data).filter(([key]) => !COSMETIC_KEYS.has(key)));
    const key = `${node.type}\u0000${canonicalJson(config)}`;
    groups.set(key, [...(groups.get(key) ?? []), node.id]);
  }
  return [...groups.values()].filter((ids) => ids.length > 1);
}
