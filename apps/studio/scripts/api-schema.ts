/**
 * Writes src/generated/schema.graphql, the client-facing API schema codegen types the studio against.
 *
 * It is the supergraph's API schema (federation `join__`/`link__` machinery removed) plus, for
 * any type or field DESIGN.md promises that no subgraph serves yet, the definition from
 * schema/contract.graphql. Those stand-ins are listed in src/generated/pending-api.txt so nobody
 * mistakes them for served API; `--strict` fails instead of filling them in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import {
  extendSchema,
  isObjectType,
  Kind,
  parse,
  printSchema,
  type DefinitionNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';

const here = (path: string) => new URL(`../${path}`, import.meta.url);
const ROOTS = { Query: 'query', Mutation: 'mutation', Subscription: 'subscription' } as const;

function apiSchema(): GraphQLSchema {
  return Supergraph.build(loadSupergraphSdl()).apiSchema().toGraphQLJSSchema();
}

/** The contract definitions the API schema lacks, as extensions, plus their names. */
function missingFromContract(api: GraphQLSchema, contract: readonly DefinitionNode[]) {
  const additions: DefinitionNode[] = [];
  const pending: string[] = [];
  const newRoots: { operation: 'query' | 'mutation' | 'subscription'; type: string }[] = [];
  for (const definition of contract) {
    if (!('name' in definition) || !definition.name) continue;
    const name = definition.name.value;
    const existing = api.getType(name);
    if (!existing) {
      additions.push(definition);
      pending.push(`type ${name}`);
      if (name in ROOTS) newRoots.push({ operation: ROOTS[name as keyof typeof ROOTS], type: name });
      continue;
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !isObjectType(existing)) continue;
    const served = existing.getFields();
    const fields = (definition as ObjectTypeDefinitionNode).fields?.filter((f) => !served[f.name.value]) ?? [];
    if (fields.length === 0) continue;
    additions.push({ kind: Kind.OBJECT_TYPE_EXTENSION, name: definition.name, fields });
    pending.push(...fields.map((f) => `${name}.${f.name.value}`));
  }
  if (newRoots.length > 0) {
    additions.push({
      kind: Kind.SCHEMA_EXTENSION,
      operationTypes: newRoots.map(({ operation, type }) => ({
        kind: Kind.OPERATION_TYPE_DEFINITION,
        operation: operation as never,
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
      })),
    });
  }
  return { additions, pending };
}

const api = apiSchema();
const contract = parse(readFileSync(here('schema/contract.graphql'), 'utf8')).definitions;
const { additions, pending } = missingFromContract(api, contract);
if (pending.length > 0 && process.argv.includes('--strict')) {
  console.error(`The supergraph lacks ${pending.length} contract definitions:\n  ${pending.join('\n  ')}`);
  process.exit(1);
}
const schema = additions.length > 0 ? extendSchema(api, { kind: Kind.DOCUMENT, definitions: additions }) : api;
writeFileSync(here('src/generated/schema.graphql'), `${printSchema(schema)}\n`);
writeFileSync(
  here('src/generated/pending-api.txt'),
  pending.length === 0 ? '' : `# Contract definitions no subgraph serves yet (typed from schema/contract.graphql)\n${pending.join('\n')}\n`,
);
console.log(`api schema written; ${pending.length} contract definitions pending in the supergraph`);
