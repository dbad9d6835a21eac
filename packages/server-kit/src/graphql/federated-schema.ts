import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateTimeScalar, FEDERATION_LINK } from '@omnitron/schema';
import { serviceStatusResolver } from './service-status';

export type ReferenceResolvers = Record<string, { __resolveReference: (ref: never, context: never) => unknown }>;

export interface FederatedSchemaOptions {
  /** The subgraph's name; adds `Query.<name>Status`. */
  readonly name: string;
  readonly resolvers: readonly Function[];
  readonly orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `{ Flow: { __resolveReference(ref, ctx) {...} } }` for each entity this subgraph resolves. */
  readonly referenceResolvers?: ReferenceResolvers;
  /** Needed by type-graphql as soon as the schema has a `@Subscription` (even one with its own `subscribe`). */
  readonly pubSub?: BuildSchemaOptions['pubSub'];
}

/**
 * Turns a type-graphql schema into an Apollo Federation 2 subgraph schema: print it with its
 * directives (`@key`...), add the `@link`, and let `buildSubgraphSchema` add `_entities`/`_service`.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [serviceStatusResolver(options.name), ...options.resolvers],
    orphanedTypes: options.orphanedTypes,
    ...(options.pubSub ? { pubSub: options.pubSub } : {}),
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
