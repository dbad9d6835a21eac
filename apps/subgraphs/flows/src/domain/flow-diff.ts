import { sameJson } from '@omnitron/schema/same-json';

/** Structural difference between two saves of a flow, by node and edge id. */
export interface FlowDiff {
  readonly nodesAdded: string[];
  readonly nodesRemoved: string[];
  /** Nodes present in both whose type, data or position differ; `fields` names which. */
  readonly nodesChanged: Array<{ id: string; fields: string[] }>;
  readonly edgesAdded: string[];
  readonly edgesRemoved: string[];
  /** Edges present in both whose endpoints or handles differ. */
  readonly edgesChanged: string[];
  /** `name`, `description`, `tags` when they differ. */
  readonly metadataChanged: string[];
}

export interface DiffableContent {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly nodes: readonly unknown[];
  readonly edges: readonly unknown[];
}

type Item = Record<string, unknown> & { id: string };

function byId(items: readonly unknown[]): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const item of items) {
    if (typeof item === 'object' && item !== null && typeof (item as Item).id === 'string') map.set((item as Item).id, item as Item);
  }
  return map;
}

const NODE_FIELDS = ['type', 'data', 'position'] as const;
const EDGE_FIELDS = ['source', 'target', 'sourceHandle', 'targetHandle'] as const;

/** Handles saved as `null` and as absent mean the same edge. */
const handle = (value: unknown): unknown => (value === undefined ? null : value);

export function diffFlows(from: DiffableContent, to: DiffableContent): FlowDiff {
  const fromNodes = byId(from.nodes);
  const toNodes = byId(to.nodes);
  const fromEdges = byId(from.edges);
  const toEdges = byId(to.edges);
  const nodesChanged: FlowDiff['nodesChanged'] = [];
  for (const [id, after] of toNodes) {
    const before = fromNodes.get(id);
    if (!before) continue;
    const fields = NODE_FIELDS.filter((field) => !sameJson(before[field], after[field]));
    if (fields.length > 0) nodesChanged.push({ id, fields: [...fields] });
  }
  const edgesChanged = [...toEdges]
    .filter(([id, after]) => {
      const before = fromEdges.get(id);
      return before !== undefined && EDGE_FIELDS.some((field) => !sameJson(handle(before[field]), handle(after[field])));
    })
    .map(([id]) => id);
  const metadataChanged = [
    ...(from.name === to.name ? [] : ['name']),
    ...(from.description === to.description ? [] : ['description']),
    ...(sameJson(from.tags, to.tags) ? [] : ['tags']),
  ];
  return {
    nodesAdded: [...toNodes.keys()].filter((id) => !fromNodes.has(id)),
    nodesRemoved: [...fromNodes.keys()].filter((id) => !toNodes.has(id)),
    nodesChanged,
    edgesAdded: [...toEdges.keys()].filter((id) => !fromEdges.has(id)),
    edgesRemoved: [...fromEdges.keys()].filter((id) => !toEdges.has(id)),
    edgesChanged,
    metadataChanged,
  };
}
