/**
 * Writes src/generated/schema.graphql, the client-facing API schema codegen types the studio
 * against: the supergraph's API schema, with the federation `join__`/`link__` machinery removed.
 * A document using a field no subgraph serves fails codegen, so the studio never types against
 * an API that does not exist.
 */
import { writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';

const api = Supergraph.build(loadSupergraphSdl()).apiSchema().toGraphQLJSSchema();
writeFileSync(new URL('../src/generated/schema.graphql', import.meta.url), `${printSchema(api)}\n`);
console.log('api schema written from the supergraph');
