import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveFlowReference } from './references/flow.reference';
import { FlowResolver } from './resolvers/flow.resolver';

export function buildFlowsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'flows',
    resolvers: [FlowResolver],
    referenceResolvers: { Flow: { __resolveReference: resolveFlowReference } },
  });
}
