import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveExecutionReference } from './references/execution.reference';
import { ExecutionResolver } from './resolvers/execution.resolver';

export function buildExecutionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'executions',
    resolvers: [ExecutionResolver],
    referenceResolvers: { Execution: { __resolveReference: resolveExecutionReference } },
  });
}
