/** A node as analysis sees it: the raw React Flow JSON, narrowed. */
export interface AnalysisNode {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface AnalysisEdge {
  readonly source: string;
  readonly target: string;
}

/** Nodes, the edges whose ends exist, and adjacency both ways (in input order). */
export interface FlowGraph {
  readonly nodes: readonly AnalysisNode[];
  readonly edges: readonly AnalysisEdge[];
  readonly byId: ReadonlyMap<string, AnalysisNode>;
  readonly outbound: ReadonlyMap<string, readonly string[]>;
  readonly inbound: ReadonlyMap<string, readonly string[]>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the raw `nodes`/`edges` JSON; malformed entries, duplicate ids and dangling edges are dropped. */
export function toFlowGraph(rawNodes: unknown, rawEdges: unknown): FlowGraph {
  const byId = new Map<string, AnalysisNode>();
  for (const raw of Array.isArray(rawNodes) ? rawNodes : []) {
    if (!isObject(raw) || typeof raw.id !== 'string' || byId.has(raw.id)) continue;
    byId.set(raw.id, { id: raw.id, type: typeof raw.type === 'string' ? raw.type : 'unknown', data: isObject(raw.data) ? raw.data : {} });
  }
  const outbound = new Map<string, string[]>([...byId.keys()].map((id) => [id, []]));
  const inbound = new Map<string, string[]>([...byId.keys()].map((id) => [id, []]));
  const edges: AnalysisEdge[] = [];
  for (const raw of Array.isArray(rawEdges) ? rawEdges : []) {
    if (!isObject(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string') continue;
    if (!byId.has(raw.source) || !byId.has(raw.target)) continue;
    edges.push({ source: raw.source, target: raw.target });
    outbound.get(raw.source)!.push(raw.target);
    inbound.get(raw.target)!.push(raw.source);
  }
  return { nodes: [...byId.values()], edges, byId, outbound, inbound };
}

export const isTriggerType = (type: string): boolean => type.startsWith('trigger.');
