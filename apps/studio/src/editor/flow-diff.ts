import { sameJson } from '@omnitron/schema/same-json';

/**
 * Node-level difference between two graphs as the API stores them (a saved version, the editor's
 * draft): which nodes were added, removed or changed, and which of a changed node's fields differ.
 * Pure, so the versions dialog and the save-conflict dialog show the same answer.
 */

/** A node as it is saved: `data` is its config, `pinnedData` its pinned output (if any). */
export interface DiffNode {
  readonly id: string;
  readonly type?: string;
  readonly position?: { readonly x: number; readonly y: number };
  readonly data?: Readonly<Record<string, unknown>>;
  readonly pinnedData?: unknown;
}

export interface DiffEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string | null;
  readonly targetHandle?: string | null;
}

export interface DiffGraph {
  readonly nodes: readonly DiffNode[];
  readonly edges: readonly DiffEdge[];
}

/** A node present on one side only. */
export interface NodeSummary {
  readonly id: string;
  readonly type: string;
}

/**
 * A node on both sides that differs. `fields` are `type`, `position`, `pinnedData` and one
 * `data.<key>` per config key whose value differs (a key set on one side only counts).
 */
export interface NodeChange extends NodeSummary {
  readonly fields: readonly string[];
}

export interface FlowGraphDiff {
  readonly added: readonly NodeSummary[];
  readonly removed: readonly NodeSummary[];
  readonly changed: readonly NodeChange[];
  /** Connections as `source → target` (with `:handle` when the source has named outputs). */
  readonly edgesAdded: readonly string[];
  readonly edgesRemoved: readonly string[];
}

const summary = (node: DiffNode): NodeSummary => ({ id: node.id, type: node.type ?? '' });

/** Absent, `null` and `undefined` pinned data all mean "nothing pinned". */
const pinned = (node: DiffNode): unknown => node.pinnedData ?? null;

function changedFields(before: DiffNode, after: DiffNode): string[] {
  const fields: string[] = [];
  if ((before.type ?? '') !== (after.type ?? '')) fields.push('type');
  const beforeData = before.data ?? {};
  const afterData = after.data ?? {};
  const keys = [...new Set([...Object.keys(beforeData), ...Object.keys(afterData)])].sort();
  for (const key of keys) if (!sameJson(beforeData[key], afterData[key])) fields.push(`data.${key}`);
  if (!sameJson(pinned(before), pinned(after))) fields.push('pinnedData');
  const [bx, by] = [Math.round(before.position?.x ?? 0), Math.round(before.position?.y ?? 0)];
  const [ax, ay] = [Math.round(after.position?.x ?? 0), Math.round(after.position?.y ?? 0)];
  if (bx !== ax || by !== ay) fields.push('position');
  return fields;
}

/** An edge named by what it connects, so a connection redrawn under a new id is not a change. */
const edgeKey = (edge: DiffEdge): string =>
  `${edge.source}${edge.sourceHandle ? `:${edge.sourceHandle}` : ''} → ${edge.target}${edge.targetHandle ? `:${edge.targetHandle}` : ''}`;

/** What changed going from `before` to `after`; nodes are matched by id, in `after`'s order. */
export function diffGraphs(before: DiffGraph, after: DiffGraph): FlowGraphDiff {
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterIds = new Set(after.nodes.map((node) => node.id));
  const changed: NodeChange[] = [];
  for (const node of after.nodes) {
    const old = beforeNodes.get(node.id);
    if (!old) continue;
    const fields = changedFields(old, node);
    if (fields.length > 0) changed.push({ ...summary(node), fields });
  }
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  return {
    added: after.nodes.filter((node) => !beforeNodes.has(node.id)).map(summary),
    removed: before.nodes.filter((node) => !afterIds.has(node.id)).map(summary),
    changed,
    edgesAdded: [...afterEdges].filter((key) => !beforeEdges.has(key)),
    edgesRemoved: [...beforeEdges].filter((key) => !afterEdges.has(key)),
  };
}

export function isEmptyDiff(diff: FlowGraphDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + diff.edgesAdded.length + diff.edgesRemoved.length === 0;
}

/** Reads a graph from the API's untyped `nodes`/`edges` JSON, skipping entries without an id. */
export function diffGraphFromWire(nodes: unknown, edges: unknown): DiffGraph {
  const list = (value: unknown): Array<Record<string, unknown>> =>
    Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string') : [];
  return { nodes: list(nodes) as unknown as DiffNode[], edges: list(edges) as unknown as DiffEdge[] };
}
