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

/** The output handles a node offers: its type's outputs, a handle per switch case, `error` for errorBranch. */
export function outputHandles(node: Pick<FlowNode, 'data'>, info: NodeTypeInfo | undefined): string[] {
  if (!info) return [];
  const handles = [...info.outputs];
  const cases = node.data.cases;
  if (info.dynamicOutputs && Array.isArray(cases)) handles.unshift(...cases.map((_, i) => `case-${i}`));
  if (node.data.onError === 'errorBranch') handles.push('error');
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
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.target);
    if (list) list.push(edge.source);
    else incoming.set(edge.target, [edge.source]);
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
