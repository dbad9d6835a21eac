import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveUserReference } from './references/user.reference';
import { MeResolver } from './resolvers/me.resolver';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'identity',
    resolvers: [MeResolver],
    referenceResolvers: { User: { __resolveReference: resolveUserReference } },
  });
}
