import { isTrigger } from '../catalog/node-definition';
import type { CompiledEdge, CompiledFlow, CompiledNode } from '../validation/compiled-flow';

/** A validated flow with indexed adjacency, so no step of a run scans all nodes or edges. */
export interface ExecutionGraph {
  readonly nodes: readonly CompiledNode[];
  readonly ids: readonly string[];
  readonly outgoing: readonly (readonly CompiledEdge[])[];
  readonly incoming: readonly (readonly CompiledEdge[])[];
  /** The handle a node takes when it succeeds without naming one (its only regular output). */
  readonly defaultHandle: readonly (string | undefined)[];
  readonly triggers: readonly number[];
  readonly hasOutputNode: boolean;
}

export function buildExecutionGraph(flow: CompiledFlow): ExecutionGraph {
  const size = flow.nodes.length;
  const outgoing: CompiledEdge[][] = Array.from({ length: size }, () => []);
  const incoming: CompiledEdge[][] = Array.from({ length: size }, () => []);
  for (const edge of flow.edges) {
    outgoing[edge.source]?.push(edge);
    incoming[edge.target]?.push(edge);
  }
  const triggers: number[] = [];
  const defaultHandle: (string | undefined)[] = [];
  flow.nodes.forEach(({ definition, config }, index) => {
    if (isTrigger(definition)) triggers.push(index);
    const regular = definition.outputsFor?.(config) ?? definition.outputs;
    defaultHandle.push(regular.length === 1 ? regular[0] : undefined);
  });
  return {
    nodes: flow.nodes,
    ids: flow.nodes.map(({ node }) => node.id),
    outgoing,
    incoming,
    defaultHandle,
    triggers,
    hasOutputNode: flow.nodes.some(({ node }) => node.type === 'output'),
  };
}
