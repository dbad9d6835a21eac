import { ERROR_BRANCH, ERROR_HANDLE } from '../catalog/node-definition';
import type { FlowEdge } from '../types';
import type { CompiledEdge, CompiledNode } from './compiled-flow';
import { ProblemCode, type ProblemList } from './problem';

/** The output handles a configured node offers, including `error` when it routes failures. */
export function outputHandles(compiled: CompiledNode): readonly string[] {
  const { definition, config } = compiled;
  const outputs = definition.outputsFor?.(config) ?? definition.outputs;
  return config.onError === ERROR_BRANCH ? [...outputs, ERROR_HANDLE] : outputs;
}

/**
 * The canonical handle an edge leaves from. A missing `sourceHandle` means the node's only
 * regular output; nodes with several (condition, switch) need the edge to name one.
 */
export function resolveSourceHandle(compiled: CompiledNode, sourceHandle: string | null | undefined): string | undefined {
  const { definition, config } = compiled;
  const regular = definition.outputsFor?.(config) ?? definition.outputs;
  if (sourceHandle === null || sourceHandle === undefined || sourceHandle === '') {
    return regular.length === 1 ? regular[0] : undefined;
  }
  if (sourceHandle === ERROR_HANDLE) return config.onError === ERROR_BRANCH ? ERROR_HANDLE : undefined;
  if (definition.resolveHandle !== undefined) return definition.resolveHandle(config, sourceHandle);
  return regular.includes(sourceHandle) ? sourceHandle : undefined;
}

function checkTargetHandle(edge: FlowEdge, target: CompiledNode, problems: ProblemList): boolean {
  const { inputs } = target.definition;
  const handle = edge.targetHandle;
  if (inputs.length > 0 && (handle === null || handle === undefined || handle === '' || inputs.includes(handle))) return true;
  const why = inputs.length === 0 ? `${target.node.type} takes no inbound edges` : `inputs are ${inputs.join(', ')}`;
  problems.error(ProblemCode.UNKNOWN_HANDLE, `Edge "${edge.id}" enters "${target.node.id}" at "${handle ?? ''}": ${why}`, {
    edgeId: edge.id,
    nodeId: target.node.id,
  });
  return false;
}

/** Checks ids, endpoints and handles; returns the edges the engine can use. */
export function checkEdges(
  edges: readonly FlowEdge[],
  indexById: ReadonlyMap<string, number>,
  compiled: readonly (CompiledNode | undefined)[],
  problems: ProblemList,
): CompiledEdge[] {
  const seen = new Set<string>();
  const usable: CompiledEdge[] = [];
  for (const edge of edges) {
    const at = { edgeId: edge.id };
    if (seen.has(edge.id)) {
      problems.error(ProblemCode.DUPLICATE_ID, `Edge id "${edge.id}" is used more than once`, at);
      continue;
    }
    seen.add(edge.id);
    const source = indexById.get(edge.source);
    const target = indexById.get(edge.target);
    if (source === undefined || target === undefined) {
      const missing = source === undefined ? edge.source : edge.target;
      problems.error(ProblemCode.DANGLING_EDGE, `Edge "${edge.id}" points to missing node "${missing}"`, at);
      continue;
    }
    const from = compiled[source];
    const to = compiled[target];
    if (from === undefined || to === undefined) continue;
    if (!checkTargetHandle(edge, to, problems)) continue;
    const handle = resolveSourceHandle(from, edge.sourceHandle);
    if (handle === undefined) {
      const named = edge.sourceHandle ? `"${edge.sourceHandle}"` : 'no handle';
      problems.error(
        ProblemCode.UNKNOWN_HANDLE,
        `Edge "${edge.id}" leaves "${edge.source}" from ${named}; its outputs are ${outputHandles(from).join(', ')}`,
        { ...at, nodeId: edge.source },
      );
      continue;
    }
    usable.push({ edge, source, target, handle });
  }
  return usable;
}
