import type { FlowWithAnalysis } from '../types/flow-analysis.type';

/** The gateway hands over `{ id, nodes, edges }` (the @requires fields); nothing to load. */
export function resolveFlowReference(ref: FlowWithAnalysis): FlowWithAnalysis {
  return ref;
}
