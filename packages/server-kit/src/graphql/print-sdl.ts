import { printSubgraphSchema } from '@apollo/subgraph';
import { writeFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';

/** Build step of each subgraph: write its SDL where supergraph composition reads it. */
export async function writeSubgraphSdl(buildSchema: () => Promise<GraphQLSchema>, file: URL): Promise<void> {
  writeFileSync(file, printSubgraphSchema(await buildSchema()));
}
