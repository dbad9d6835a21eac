import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveFlowReference } from './references/flow.reference';
import { AiProviderResolver } from './resolvers/ai-provider.resolver';
import { AiRouteResolver } from './resolvers/ai-route.resolver';
import { FlowAnalysisResolver } from './resolvers/flow-analysis.resolver';
import { FlowSearchResolver } from './resolvers/flow-search.resolver';
import { GenerateResolver } from './resolvers/generate.resolver';
import { FlowWithAnalysis } from './types/flow-analysis.type';

export function buildIntelligenceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'intelligence',
    resolvers: [FlowAnalysisResolver, AiProviderResolver, AiRouteResolver, GenerateResolver, FlowSearchResolver],
    orphanedTypes: [FlowWithAnalysis],
    referenceResolvers: { Flow: { __resolveReference: resolveFlowReference } },
  });
}
