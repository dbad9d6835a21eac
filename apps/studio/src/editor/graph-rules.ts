import type { Connection } from '@xyflow/react';
import type { FlowEdge, FlowNode, NodeTypeInfo } from './flow-types';

/** True when adding source -> target closes a cycle (target already reaches source). */
export function createsCycle(edges: readonly FlowEdge[], source: string, target: string): boolean {
  if (source === target) return true;
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source);
    if (list) list.push(edge.target);
    else outgoing.set(edge.source, [edge.target]);
  }
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(outgoing.get(id) ?? []));
  }
  return false;
}

/**
 * The output handles a node offers, by the rules its catalog entry serves (the ones validation
 * checks edges by): a handle per item of a config list (switch cases), the static outputs, then the
 * handles a field's value adds (`error` under `onError: errorBranch`).
 */
export function outputHandles(node: Pick<FlowNode, 'data'>, info: NodeTypeInfo | undefined): string[] {
  if (!info) return [];
  const handles: string[] = [];
  const perItem = info.outputsPerItem;
  const items = perItem ? node.data[perItem.field] : undefined;
  if (perItem && Array.isArray(items)) for (let i = 0; i < items.length; i++) handles.push(`${perItem.prefix}${i}`);
  handles.push(...info.outputs);
  for (const rule of info.conditionalOutputs) if (node.data[rule.field] === rule.equals) handles.push(rule.handle);
  return handles;
}

/** Why a connection is refused while it is dragged, or undefined when it is fine. */
export function connectionProblem(
  connection: Connection | FlowEdge,
  nodes: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
  types: ReadonlyMap<string, NodeTypeInfo>,
): string | undefined {
  const { source, target, sourceHandle, targetHandle } = connection;
  if (source === target) return 'a node cannot connect to itself';
  const from = nodes.get(source);
  const to = nodes.get(target);
  if (!from || !to) return 'unknown node';
  const outputs = outputHandles(from, types.get(from.type ?? ''));
  if (sourceHandle ? !outputs.includes(sourceHandle) : outputs.length !== 1) return 'no such output handle';
  const inputs = types.get(to.type ?? '')?.inputs ?? [];
  if (targetHandle ? !inputs.includes(targetHandle) : inputs.length !== 1) return 'no such input handle';
  const duplicate = edges.some((e) => e.source === source && e.target === target && (e.sourceHandle ?? null) === (sourceHandle ?? null));
  if (duplicate) return 'already connected';
  if (createsCycle(edges, source, target)) return 'would create a cycle';
  return undefined;
}

/** Every node upstream of `nodeId`: whose outputs its expressions can read as `$nodes.<id>`. */
export function upstreamOf(edges: readonly FlowEdge[], nodeId: string): string[] {
  return reachable(edges, nodeId, 'upstream');
}

/** Every node `nodeId` reaches (downstream) or that reaches it (upstream), itself excluded. */
function reachable(edges: readonly FlowEdge[], nodeId: string, direction: 'upstream' | 'downstream'): string[] {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = direction === 'upstream' ? [edge.target, edge.source] : [edge.source, edge.target];
    const list = incoming.get(from);
    if (list) list.push(to);
    else incoming.set(from, [to]);
  }
  const seen = new Set<string>();
  const stack = [...(incoming.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(incoming.get(id) ?? []));
  }
  return [...seen];
}

/** A connection the rules allow, with both handles named. */
export interface CandidateConnection {
  readonly source: string;
  readonly sourceHandle: string;
  readonly target: string;
  readonly targetHandle: string;
}

/**
 * Every connection to or from `nodeId` that `connectionProblem` would accept, outgoing first. Two
 * reachability passes replace a cycle search per pair, so a 2,000-node flow costs one walk.
 */
export function candidateConnections(
  nodeId: string,
  nodes: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
  types: ReadonlyMap<string, NodeTypeInfo>,
): CandidateConnection[] {
  const self = nodes.get(nodeId);
  if (!self) return [];
  const selfInfo = types.get(self.type ?? '');
  const upstream = new Set(reachable(edges, nodeId, 'upstream'));
  const downstream = new Set(reachable(edges, nodeId, 'downstream'));
  // A stored edge may leave its handle unnamed when the source has one output: that is the handle.
  const handleOf = (edge: FlowEdge) => edge.sourceHandle ?? outputHandles(nodes.get(edge.source) ?? self, types.get(nodes.get(edge.source)?.type ?? ''))[0];
  const existing = new Set(edges.map((e) => `${e.source}|${handleOf(e)}|${e.target}`));
  const outgoing: CandidateConnection[] = [];
  const incoming: CandidateConnection[] = [];
  const add = (list: CandidateConnection[], source: string, sourceHandle: string, target: string, targetHandle: string) => {
    if (!existing.has(`${source}|${sourceHandle}|${target}`)) list.push({ source, sourceHandle, target, targetHandle });
  };
  for (const other of nodes.values()) {
    if (other.id === nodeId) continue;
    const info = types.get(other.type ?? '');
    // nodeId -> other closes a cycle when other already reaches nodeId, and the other way round.
    if (!upstream.has(other.id)) {
      for (const out of outputHandles(self, selfInfo)) for (const input of info?.inputs ?? []) add(outgoing, nodeId, out, other.id, input);
    }
    if (!downstream.has(other.id)) {
      for (const out of outputHandles(other, info)) for (const input of selfInfo?.inputs ?? []) add(incoming, other.id, out, nodeId, input);
    }
  }
  return [...outgoing, ...incoming];
}
