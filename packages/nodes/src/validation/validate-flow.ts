import type { FlowValidation } from '../types';
import { checkEdges } from './check-edges';
import { checkNodes } from './check-nodes';
import type { CompiledFlow, CompiledNode } from './compiled-flow';
import { readFlowShape } from './flow-shape';
import { ProblemList } from './problem';
import { checkTopology } from './topology';

export interface ValidateOptions {
  /** @default 5_000 */
  maxNodes?: number;
}

export const DEFAULT_MAX_NODES = 5_000;

export interface FlowCompilation {
  validation: FlowValidation;
  /** Present when the flow is valid. */
  compiled?: CompiledFlow;
}

/** Validates an untrusted flow document and, when valid, indexes it for the engine. */
export function compileFlow(flow: unknown, options: ValidateOptions = {}): FlowCompilation {
  const problems = new ProblemList();
  const shape = readFlowShape(flow, options.maxNodes ?? DEFAULT_MAX_NODES, problems);
  if (shape === undefined) return { validation: { valid: false, problems: problems.items } };
  const compiled = checkNodes(shape.nodes, problems);
  const indexById = new Map<string, number>();
  shape.nodes.forEach((node, index) => {
    if (!indexById.has(node.id)) indexById.set(node.id, index);
  });
  const edges = checkEdges(shape.edges, indexById, compiled, problems);
  checkTopology(shape.nodes, shape.edges, indexById, problems);
  const validation = { valid: !problems.hasErrors, problems: problems.items };
  if (!validation.valid) return { validation };
  const nodes = compiled.filter((node): node is CompiledNode => node !== undefined);
  return { validation, compiled: { nodes, edges, indexById } };
}

/** Every problem of a flow at once: shape, ids, types, configs, expressions, handles, cycles, triggers, reachability. */
export function validateFlow(flow: unknown, options?: ValidateOptions): FlowValidation {
  return compileFlow(flow, options).validation;
}
