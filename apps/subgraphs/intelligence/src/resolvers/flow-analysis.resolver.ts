import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { analyseFlow } from '../analysis/analyse-flow';
import { FlowAnalysisType, FlowWithAnalysis } from '../types/flow-analysis.type';

@Resolver(() => FlowWithAnalysis)
export class FlowAnalysisResolver {
  /** Contributed to `Flow`; the gateway fetches nodes and edges from the flows subgraph first. */
  @FieldResolver(() => FlowAnalysisType)
  @Directive('@requires(fields: "nodes edges")')
  analysis(@Root() flow: FlowWithAnalysis): FlowAnalysisType {
    return analyseFlow({ nodes: flow.nodes, edges: flow.edges });
  }
}
