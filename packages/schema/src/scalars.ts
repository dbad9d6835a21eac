import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

/** Shared scalars: every subgraph declares them with the same name and semantics. */
export const DateTimeScalar = GraphQLDateTime;
export const JSONScalar = GraphQLJSON;
