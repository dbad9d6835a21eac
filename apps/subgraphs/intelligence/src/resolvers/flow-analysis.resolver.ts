import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import { analyseFlow } from '../analysis/analyse-flow';
import { nodeTimingsOf } from '../analysis/node-timings';
import type { IntelligenceContext } from '../context';
import { FlowAnalysisType, FlowWithAnalysis } from '../types/flow-analysis.type';

@Resolver(() => FlowWithAnalysis)
export class FlowAnalysisResolver {
  /**
   * Contributed to `Flow`; the gateway fetches nodes and edges from the flows subgraph first
   * (which already checked the caller may read the flow). Run times come from this workspace only.
   */
  @FieldResolver(() => FlowAnalysisType)
  @Directive('@requires(fields: "nodes edges")')
  async analysis(@Root() flow: FlowWithAnalysis, @Ctx() ctx: IntelligenceContext): Promise<FlowAnalysisType> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    const timings = await nodeTimingsOf(ctx.em, caller.workspaceId, flow.id);
    return analyseFlow({ nodes: flow.nodes, edges: flow.edges, timings });
  }
}
