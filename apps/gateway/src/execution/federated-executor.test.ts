import { createRequire } from 'node:module';
import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { describe, expect, it } from 'vitest';
import { FEDERATION_LINK } from '@omnitron/schema';
import { composeSupergraph } from '@omnitron/schema/compose';
import { FederatedExecutor } from './federated-executor';
import { SupergraphModel } from './supergraph-model';

// The CommonJS graphql, the copy @apollo/* parse and build schemas with.
const { parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const catalogSdl = `${FEDERATION_LINK}
scalar JSON
enum Status { ON OFF }
interface Node { id: ID! }
union Thing = Flow | Folder
type Query {
  flows: [Flow!]!
  flow(id: ID!): Flow
  node: Node
  things: [Thing]
  count: Int
  ratio: Float
  ok: Boolean
  status: Status
  tags: [String!]
  json: JSON
}
type Mutation { rename(id: ID!, name: String!): Flow }
type Flow implements Node @key(fields: "id") {
  id: ID!
  name: String!
  owner: User
  tags: [String]
  status: Status
  grid: [[Int!]]
}
type Folder implements Node { id: ID! title: String }
type User @key(fields: "id", resolvable: false) { id: ID! }
`;
const peopleSdl = `${FEDERATION_LINK}
type Query { me: User }
type User @key(fields: "id") { id: ID! email: String! name: String }
type Flow @key(fields: "id") { id: ID! name: String! @external headline: String @requires(fields: "name") }
`;
const supergraphSdl = composeSupergraph([
  { name: 'catalog', url: 'http://127.0.0.1:9/catalog', sdl: catalogSdl },
  { name: 'people', url: 'http://127.0.0.1:9/people', sdl: peopleSdl },
]);

type Answer = GatewayGraphQLResponse | Error;
/** What each subgraph answers in one case: a root fetch, and an `_entities` fetch from its representations. */
interface Script {
  readonly catalog?: Answer;
  readonly people?: Answer;
  readonly entities?: (representations: Array<Record<string, unknown>>) => Answer;
}

/**
 * A subgraph answering what the case scripts, as a subgraph's JSON would arrive: a fresh copy
 * each time (both executors merge into the answers they get). Scripted rather than executed so
 * that answers no graphql-js subgraph would send (a null in a non-null field, a string for an
 * Int, an unknown `__typename`) reach the gateway too.
 */
class ScriptedSubgraph implements GraphQLDataSource {
  script: Script = {};
  constructor(private readonly name: 'catalog' | 'people') {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.representations as Array<Record<string, unknown>> | undefined;
    const answer = representations ? this.script.entities?.(structuredClone(representations)) : this.script[this.name];
    if (answer === undefined) throw new Error(`no scripted answer from ${this.name}${representations ? ' for _entities' : ''}`);
    if (answer instanceof Error) throw answer;
    return structuredClone(answer);
  }
}

const catalog = new ScriptedSubgraph('catalog');
const people = new ScriptedSubgraph('people');
const services: ServiceMap = { catalog, people };

// Apollo's reference: its own planner and executeQueryPlan over the same supergraph and subgraphs.
const supergraph = Supergraph.build(supergraphSdl);
const apiSchema = supergraph.apiSchema();
const planner = new QueryPlanner(supergraph);
const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
const apiGraphQLSchema = apiSchema.toGraphQLJSSchema();

const lean = new FederatedExecutor({
  supergraph: new SupergraphModel(supergraphSdl),
  services,
  fallback: async () => {
    throw new Error('every case here is run by the plan runner');
  },
});

function requestContextFor(document: ReturnType<typeof parse>, variables: Record<string, unknown> | undefined): GatewayGraphQLRequestContext {
  return {
    request: { variables },
    document,
    context: {},
    metrics: {},
    logger: console,
  } as unknown as GatewayGraphQLRequestContext;
}

async function reference(query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const document = parse(query);
  const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document));
  const operationContext = buildOperationContext({ schema: apiGraphQLSchema, operationDocument: document });
  const result = await executeQueryPlan(plan, services, requestContextFor(document, variables), operationContext, supergraphSchema, apiSchema);
  return JSON.parse(JSON.stringify(result));
}

/** Runs `query` through both executors against the script; expects one answer and the named shaping. */
async function same(query: string, script: Script, shaping: 'compiled' | 'apollo', variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  catalog.script = script;
  people.script = script;
  const expected = await reference(query, variables);
  const before = { ...lean.shaped };
  // A new document each time, planned afresh, then again from the kept plan.
  const document = parse(query);
  for (let round = 0; round < 2; round++) {
    const actual = JSON.parse(JSON.stringify(await lean.execute(requestContextFor(document, variables))));
    expect(actual).toEqual(expected);
  }
  expect(lean.shaped[shaping] - before[shaping]).toBe(2);
  return expected as Record<string, unknown>;
}

const flowRows = [
  { __typename: 'Flow', id: 'f1', name: 'Nightly import', owner: { __typename: 'User', id: 'u1' } },
  { __typename: 'Flow', id: 'f2', name: 'Billing', owner: { __typename: 'User', id: 'u2' } },
  { __typename: 'Flow', id: 'f3', name: 'Orphan', owner: null },
  { __typename: 'Flow', id: 'f4', name: 'Again', owner: { __typename: 'User', id: 'u1' } },
];
const users: Record<string, Record<string, unknown> | null> = {
  u1: { __typename: 'User', email: 'ada@example.com', name: 'Ada' },
  u2: { __typename: 'User', email: 'bob@example.com', name: null },
};
const usersAnswer = (table: Record<string, Record<string, unknown> | null>) => (representations: Array<Record<string, unknown>>) => ({
  data: { _entities: representations.map((representation) => table[representation.id as string] ?? null) },
});

describe('the plan runner answers as Apollo executeQueryPlan does', () => {
  it('shapes a list with its owners from another subgraph (the flows list)', async () => {
    const result = await same('{ flows { id name owner { email } } }', { catalog: { data: { flows: flowRows } }, entities: usersAnswer(users) }, 'compiled');
    expect(result).toEqual({
      data: {
        flows: [
          { id: 'f1', name: 'Nightly import', owner: { email: 'ada@example.com' } },
          { id: 'f2', name: 'Billing', owner: { email: 'bob@example.com' } },
          { id: 'f3', name: 'Orphan', owner: null },
          { id: 'f4', name: 'Again', owner: { email: 'ada@example.com' } },
        ],
      },
    });
  });

  it('shapes aliases, __typename (aliased too), enums, nested lists, custom scalars and unselected extras', async () => {
    const root = {
      rows: [{ __typename: 'Flow', key: 'f1', kind: 'Flow', name: 'A', status: 'ON', grid: [[1, 2], [], null], tags: ['x', null], extra: 'not asked' }],
      count: 7,
      ratio: 0.5,
      ok: false,
      status: 'OFF',
      tags: [],
      json: { any: ['thing', 1, null] },
    };
    const result = await same(
      '{ rows: flows { key: id kind: __typename __typename name status grid tags } count ratio ok status tags json root: __typename }',
      { catalog: { data: root } },
      'compiled',
    );
    expect(result).toEqual({
      data: {
        rows: [{ key: 'f1', kind: 'Flow', __typename: 'Flow', name: 'A', status: 'ON', grid: [[1, 2], [], null], tags: ['x', null] }],
        count: 7,
        ratio: 0.5,
        ok: false,
        status: 'OFF',
        tags: [],
        json: { any: ['thing', 1, null] },
        root: 'Query',
      },
    });
  });

  it('runs root fields of two subgraphs in parallel', async () => {
    await same('{ flows { id } me { email name } }', { catalog: { data: { flows: flowRows } }, people: { data: { me: { id: 'u1', email: 'ada@example.com', name: 'Ada' } } } }, 'compiled');
  });

  it('sends @requires fields in the representations', async () => {
    const headlines = (representations: Array<Record<string, unknown>>) => ({
      data: { _entities: representations.map((representation) => ({ __typename: 'Flow', headline: `${representation.name as string}!` })) },
    });
    const result = await same('{ flows { id headline } }', { catalog: { data: { flows: flowRows } }, entities: headlines }, 'compiled');
    expect((result.data as { flows: Array<{ headline: string }> }).flows[0]!.headline).toBe('Nightly import!');
  });

  it('resolves __typename of interfaces and unions from the data', async () => {
    const root = { node: { __typename: 'Folder', id: 'd1' }, things: [{ __typename: 'Flow' }, null, { __typename: 'Folder' }] };
    await same('{ node { id __typename } things { __typename } }', { catalog: { data: root } }, 'compiled');
  });

  it('passes variables to the fetch that uses them, and answers a missing entity with null', async () => {
    await same('query Q($id: ID!) { flow(id: $id) { name owner { email } } }', { catalog: { data: { flow: flowRows[0] } }, entities: usersAnswer(users) }, 'compiled', { id: 'f1' });
    await same('query Q($id: ID!) { flow(id: $id) { name owner { email } } }', { catalog: { data: { flow: null } } }, 'compiled', { id: 'nope' });
  });

  it('runs a mutation and then its entity fetch', async () => {
    await same('mutation { rename(id: "f1", name: "B") { name owner { email } } }', { catalog: { data: { rename: { ...flowRows[0], name: 'B' } } }, entities: usersAnswer(users) }, 'compiled');
  });

  it('leaves fragments and @include to Apollo shaping, and follows condition nodes both ways', async () => {
    const root = { things: [{ __typename: 'Flow', name: 'A' }, { __typename: 'Folder', title: 'T' }] };
    await same('{ things { ... on Flow { name } ... on Folder { title } } }', { catalog: { data: root } }, 'apollo');
    await same('fragment F on Flow { id name } { flows { ...F } }', { catalog: { data: { flows: flowRows } } }, 'apollo');
    const query = 'query Q($withOwner: Boolean!) { flows { id owner @include(if: $withOwner) { email } } }';
    for (const withOwner of [true, false]) {
      await same(query, { catalog: { data: { flows: flowRows } }, entities: usersAnswer(users) }, 'apollo', { withOwner });
    }
  });
});

describe('unclean data goes to Apollo shaping, whose errors and null bubbling stay word for word', () => {
  it('bubbles a null in a non-null field to the nearest nullable parent', async () => {
    const rows = [flowRows[0], { ...flowRows[1], name: null }];
    await same('{ flows { id name } }', { catalog: { data: { flows: rows } } }, 'apollo');
    const missingName = [{ __typename: 'Flow', id: 'f9' }];
    await same('query Q($id: ID!) { flow(id: $id) { id name } }', { catalog: { data: { flow: missingName[0] } } }, 'apollo', { id: 'f9' });
  });

  it('nulls an owner whose entity did not resolve (a non-null email missing)', async () => {
    await same('{ flows { id owner { email } } }', { catalog: { data: { flows: flowRows } }, entities: usersAnswer({ u1: users.u1!, u2: null }) }, 'apollo');
  });

  it('reports leaf values of the wrong type', async () => {
    for (const root of [{ count: 'seven' }, { count: 1.5 }, { ok: 'yes' }, { status: 'MAYBE' }, { ratio: 'NaN' }, { tags: ['a', 3] }]) {
      await same('{ count ok status ratio tags }', { catalog: { data: { count: 1, ok: true, status: 'ON', ratio: 1, tags: [], ...root } } }, 'apollo');
    }
  });

  it('reports an unknown or abstract __typename', async () => {
    await same('{ node { id } }', { catalog: { data: { node: { __typename: 'Ghost', id: 'g' } } } }, 'apollo');
    await same('{ node { __typename } }', { catalog: { data: { node: { id: 'g' } } } }, 'apollo');
  });

  it('answers a non-list for a list and a scalar for an object as Apollo does', async () => {
    await same('{ flows { id } }', { catalog: { data: { flows: { id: 'f1' } } } }, 'apollo');
    await same('{ node { id } }', { catalog: { data: { node: 'f1' } } }, 'apollo');
    await same('{ node { id } }', { catalog: { data: { node: [{ id: 'f1' }] } } }, 'apollo');
  });
});

describe('subgraph errors reach the client as Apollo reports them', () => {
  it('maps entity error paths onto the rows they broke, with codes and service names', async () => {
    const entities = (representations: Array<Record<string, unknown>>) => ({
      data: { _entities: representations.map((representation, index) => (index === 1 ? null : users[representation.id as string] ?? null)) },
      errors: [
        { message: 'no such user', path: ['_entities', 1, 'email'], extensions: { code: 'NOT_FOUND' } },
        { message: '', path: ['_entities', 0] },
        { message: 'federation says no', extensions: { code: 'INVALID_GRAPHQL' } },
      ],
    });
    await same('{ flows { id owner { email } } }', { catalog: { data: { flows: flowRows } }, entities }, 'apollo');
  });

  it('keeps partial data next to a root fetch error', async () => {
    await same('{ flows { id } }', { catalog: { data: { flows: [flowRows[0]] }, errors: [{ message: 'slow', path: ['flows', 0] }] } }, 'compiled');
    await same('{ flows { id } }', { catalog: { data: null, errors: [{ message: 'down', extensions: { code: 'INTERNAL' } }] } }, 'apollo');
  });

  it('answers a subgraph that cannot be reached, or answers the wrong number of entities', async () => {
    // `me` is nullable: the data around the error is clean.
    await same('{ flows { id } me { email } }', { catalog: { data: { flows: flowRows } }, people: new Error('connect ECONNREFUSED 127.0.0.1:9') }, 'compiled');
    const short = () => ({ data: { _entities: [users.u1] } });
    await same('{ flows { id owner { email } } }', { catalog: { data: { flows: flowRows } }, entities: short }, 'apollo');
    await same('{ flows { id owner { email } } }', { catalog: { data: { flows: flowRows } }, entities: () => ({ data: { other: [] } }) }, 'apollo');
  });
});
