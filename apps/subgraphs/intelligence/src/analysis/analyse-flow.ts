import type { FlowAnalysisType } from '../types/flow-analysis.type';

interface GraphInput {
  readonly nodes: unknown;
  readonly edges: unknown;
}

interface Node { id: string; type: string; data: unknown }
interface Edge { source: string; target: string }

const asNodes = (value: unknown): Node[] =>
  Array.isArray(value) ? value.filter((n): n is Node => typeof n === 'object' && n !== null && typeof (n as Node).id === 'string') : [];
const asEdges = (value: unknown): Edge[] =>
  Array.isArray(value) ? value.filter((e): e is Edge => typeof e === 'object' && e !== null && typeof (e as Edge).source === 'string') : [];

/** Longest-path layering from the nodes without inbound edges (Kahn's order; cycles are left out). */
function layer(nodes: Node[], edges: Edge[]) {
  const ids = new Set(nodes.map((n) => n.id));
  const inbound = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const outbound = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    outbound.get(e.source)!.push(e.target);
    inbound.set(e.target, inbound.get(e.target)! + 1);
  }
  const depth = new Map<string, number>();
  const parent = new Map<string, string>();
  const queue = nodes.filter((n) => inbound.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) depth.set(id, 1);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of outbound.get(id)!) {
      if (depth.get(id)! + 1 > (depth.get(next) ?? 0)) {
        depth.set(next, depth.get(id)! + 1);
        parent.set(next, id);
      }
      inbound.set(next, inbound.get(next)! - 1);
      if (inbound.get(next) === 0) queue.push(next);
    }
  }
  return { depth, parent, outbound };
}

/** Structural analysis of a flow graph: size, depth, critical path, parallel groups, dead ends. */
export function analyseFlow(graph: GraphInput): FlowAnalysisType {
  const nodes = asNodes(graph.nodes);
  const edges = asEdges(graph.edges);
  const { depth, parent, outbound } = layer(nodes, edges);
  let deepest: string | undefined;
  for (const [id, d] of depth) if (!deepest || d > depth.get(deepest)!) deepest = id;
  const criticalPath: string[] = [];
  for (let at = deepest; at; at = parent.get(at)) criticalPath.unshift(at);
  const groups = new Map<number, string[]>();
  for (const [id, d] of depth) groups.set(d, [...(groups.get(d) ?? []), id]);
  const triggers = new Set(nodes.filter((n) => n.type.startsWith('trigger.')).map((n) => n.id));
  const reached = new Set<string>();
  const stack = [...triggers];
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(outbound.get(id) ?? []));
  }
  const signatures = new Map<string, string[]>();
  for (const n of nodes) {
    const key = `${n.type}:${JSON.stringify(n.data ?? {})}`;
    signatures.set(key, [...(signatures.get(key) ?? []), n.id]);
  }
  return {
    nodeCount: nodes.length,
    depth: deepest ? depth.get(deepest)! : 0,
    criticalPath,
    parallelGroups: [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, ids]) => ids).filter((ids) => ids.length > 1),
    unreachableNodes: triggers.size ? nodes.filter((n) => !reached.has(n.id)).map((n) => n.id) : [],
    duplicateNodes: [...signatures.values()].filter((ids) => ids.length > 1),
    unusedOutputs: nodes.filter((n) => n.type !== 'output' && (outbound.get(n.id)?.length ?? 0) === 0).map((n) => n.id),
    suggestions: [],
  };
}
