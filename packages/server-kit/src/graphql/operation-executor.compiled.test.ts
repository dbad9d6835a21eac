import { createRequire } from 'node:module';
import type { GraphQLObjectType, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { createLogger } from '../logger';
import { OperationExecutor, type OperationAnswer } from './operation-executor';

// The CommonJS graphql, as the executor and every schema builder use it (see operation-executor.ts).
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

interface Ctx {
  readonly who: string;
}

interface Item {
  readonly __kind: 'Flow' | 'Folder';
  readonly id: string;
  readonly name: string | null;
  readonly tags?: readonly string[];
  readonly data?: unknown;
}

const ITEMS: readonly Item[] = [
  { __kind: 'Flow', id: 'f1', name: 'Nightly import', tags: ['etl', 'nightly'], data: { nodes: 3, nested: [1, { a: null }] } },
  { __kind: 'Folder', id: 'd1', name: 'Reports' },
  { __kind: 'Flow', id: 'f2', name: null, tags: [], data: null },
];

/**
 * Much of what subgraph schemas use: lists of objects, an interface and a union resolved by
 * `resolveType`, a JSON scalar, enums, arguments with defaults, async resolvers, coded and
 * unexpected errors, and a non-null field that fails (null bubbling to the nearest nullable parent).
 */
function richSchema() {
  const schema = buildSchema(`
    scalar JSON
    enum Order { NEWEST OLDEST }
    interface Node { id: ID! }
    type Flow implements Node { id: ID! name: String! tags: [String!]! data: JSON owner: User }
    type Folder implements Node { id: ID! name: String! }
    union Item = Flow | Folder
    type User { id: ID! email: String! }
    type Page { items: [Item!]! total: Int! order: Order! }
    type Query {
      items(first: Int = 2, order: Order = NEWEST): Page!
      node(id: ID!): Node
      nodes(ids: [ID!]!): [Node]!
      whoami: String!
      forbidden: String
      internal: String
    }
  `);
  const json = schema.getType('JSON') as GraphQLScalarType;
  json.serialize = (value: unknown) => value;
  const byId = (id: string) => ITEMS.find((item) => item.id === id) ?? null;
  for (const name of ['Node', 'Item']) {
    (schema.getType(name) as { resolveType?: (value: Item) => string }).resolveType = (value) => value.__kind;
  }
  const query = schema.getQueryType()!.getFields();
  query.items!.resolve = async (_root, args: { first: number; order: string }) => {
    const sorted = args.order === 'NEWEST' ? ITEMS : [...ITEMS].reverse();
    return { items: sorted.slice(0, args.first), total: ITEMS.length, order: args.order };
  };
  query.node!.resolve = (_root, args: { id: string }) => byId(args.id);
  query.nodes!.resolve = async (_root, args: { ids: string[] }) => args.ids.map(byId);
  query.whoami!.resolve = (_root, _args, ctx: Ctx) => ctx.who;
  query.forbidden!.resolve = () => {
    throw new OmnitronError(ErrorCode.FORBIDDEN, 'not yours');
  };
  query.internal!.resolve = async () => {
    throw new Error('SELECT * FROM secrets failed');
  };
  const flow = (schema.getType('Flow') as GraphQLObjectType).getFields();
  flow.owner!.resolve = async (item: Item) => (item.id === 'f1' ? { id: 'u1', email: 'owner@example.com' } : null);
  return schema;
}

const REQUESTS: ReadonlyArray<{ readonly query: string; readonly variables?: Record<string, unknown>; readonly operationName?: string }> = [
  { query: '{ items { total order items { __typename ... on Flow { id name tags data owner { email } } ... on Folder { id name } } } }' },
  { query: 'query ($n: Int, $o: Order) { page: items(first: $n, order: $o) { total order items { ...F } } } fragment F on Item { ... on Node { id } ... on Flow { tags } }', variables: { n: 3, o: 'OLDEST' } },
  { query: 'query ($withTags: Boolean!, $noName: Boolean!) { items(first: 3) { items { ... on Flow { id name @skip(if: $noName) tags @include(if: $withTags) } } } }', variables: { withTags: false, noName: true } },
  { query: 'query ($withTags: Boolean!, $noName: Boolean!) { items(first: 3) { items { ... on Flow { id name @skip(if: $noName) tags @include(if: $withTags) } } } }', variables: { withTags: true, noName: false } },
  // Flow f2 has no name, but Flow.name is non-null: the null bubbles up to the nullable list element.
  { query: '{ nodes(ids: ["f1", "f2", "nope", "d1"]) { id ... on Flow { name } __typename } }' },
  { query: '{ node(id: "f2") { id ... on Flow { name } } whoami }' },
  { query: '{ a: node(id: "f1") { id } b: node(id: "d1") { ... on Folder { name } } c: whoami }' },
  { query: '{ forbidden internal whoami }' },
  { query: 'query One { whoami } query Two { forbidden }', operationName: 'Two' },
  { query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: ['f1', null] } },
  { query: 'query ($o: Order) { items(order: $o) { total } }', variables: { o: 'SIDEWAYS' } },
  { query: 'query ($n: Int!) { items(first: $n) { total } }', variables: {} },
];

function executors() {
  const log = createLogger('executor-test', 'silent');
  const schema = richSchema();
  return {
    // Compiled from the first run, so that every request below is answered compiled.
    compiled: new OperationExecutor<Ctx>({ schema, log, compileAfterRuns: 0 }),
    interpreted: new OperationExecutor<Ctx>({ schema, log, compile: false }),
  };
}

/** The trace id differs per call; everything else must match. */
function comparable(answer: OperationAnswer): unknown {
  return JSON.parse(JSON.stringify(answer), (key, value: unknown) => (key === 'traceId' ? '<trace>' : value));
}

describe('OperationExecutor: operations compiled by graphql-jit answer exactly as graphql-js does', () => {
  it('gives the same status and body for every request, first run and again from the compiled cache', async () => {
    const { compiled, interpreted } = executors();
    for (const round of [1, 2]) {
      for (const request of REQUESTS) {
        const expected = comparable(await interpreted.run(request, { who: `round ${round}` }));
        expect({ request, answer: comparable(await compiled.run(request, { who: `round ${round}` })) }).toEqual({ request, answer: expected });
      }
    }
    expect(compiled.compilations).toBeGreaterThanOrEqual(REQUESTS.length - 2);
    expect(interpreted.compilations).toBe(0);
  });

  it('answers what graphql-js answers, not merely the same as itself', async () => {
    const { compiled } = executors();
    expect(await compiled.run(REQUESTS[4]!, { who: 'x' })).toEqual({
      status: 200,
      body: {
        data: { nodes: [{ id: 'f1', name: 'Nightly import', __typename: 'Flow' }, null, null, { id: 'd1', __typename: 'Folder' }] },
        // The non-null violation is the server's fault: INTERNAL, its message not shown.
        errors: [expect.objectContaining({ message: 'Internal error', path: ['nodes', 1, 'name'], extensions: expect.objectContaining({ code: ErrorCode.INTERNAL }) })],
      },
    });
    const badEnum = await compiled.run(REQUESTS[10]!, { who: 'x' });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors?.map((error) => error.extensions?.code)).toEqual([ErrorCode.VALIDATION_FAILED]);
    expect(badEnum.body).not.toHaveProperty('data');
  });
});

describe('OperationExecutor: which operations are compiled', () => {
  const log = createLogger('executor-test', 'silent');

  it('compiles an operation once it has run compileAfterRuns times, and a text sent once never', async () => {
    const executor = new OperationExecutor<Ctx>({ schema: richSchema(), log, compileAfterRuns: 3 });
    const request = { query: '{ items(first: 2) { total } }' };
    const interpreted = comparable(await executor.run(request, { who: 'x' }));
    for (let run = 2; run <= 3; run++) {
      expect(comparable(await executor.run(request, { who: 'x' }))).toEqual(interpreted);
      expect(executor.compilations).toBe(0);
    }
    for (let run = 4; run <= 6; run++) expect(comparable(await executor.run(request, { who: 'x' }))).toEqual(interpreted);
    expect(executor.compilations).toBe(1);
    // Literals inlined: every text is new, run once, and kept interpreted.
    for (let first = 0; first < 50; first++) expect((await executor.run({ query: `{ items(first: ${first}) { total } }` }, { who: 'x' })).status).toBe(200);
    expect(executor.compilations).toBe(1);
  });

  it('compiles by default only after ten runs', async () => {
    const executor = new OperationExecutor<Ctx>({ schema: richSchema(), log });
    for (let run = 1; run <= 10; run++) await executor.run({ query: '{ items(first: 1) { total } }' }, { who: 'x' });
    expect(executor.compilations).toBe(0);
    await executor.run({ query: '{ items(first: 1) { total } }' }, { who: 'x' });
    expect(executor.compilations).toBe(1);
  });
});
