import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveFlowReference } from './references/flow.reference';
import { FlowAnalysisResolver } from './resolvers/flow-analysis.resolver';
import { AiProviderResolver } from './resolvers/ai-provider.resolver';
import { FlowWithAnalysis } from './types/flow-analysis.type';

export function buildIntelligenceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'intelligence',
    resolvers: [FlowAnalysisResolver, AiProviderResolver],
    orphanedTypes: [FlowWithAnalysis],
    referenceResolvers: { Flow: { __resolveReference: resolveFlowReference } },
  });
}
