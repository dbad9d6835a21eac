import type { CommonConfig, NodeDefinition } from '../catalog/node-definition';
import type { FlowEdge, FlowNode } from '../types';

/** A node whose type is known and whose config parsed. */
export interface CompiledNode {
  readonly node: FlowNode;
  readonly definition: NodeDefinition;
  readonly config: CommonConfig;
}

/** An edge between two compiled nodes, with its source handle resolved to the canonical name. */
export interface CompiledEdge {
  readonly edge: FlowEdge;
  readonly source: number;
  readonly target: number;
  readonly handle: string;
}

/** A flow that passed validation, indexed for the engine. */
export interface CompiledFlow {
  readonly nodes: readonly CompiledNode[];
  readonly edges: readonly CompiledEdge[];
  readonly indexById: ReadonlyMap<string, number>;
}
