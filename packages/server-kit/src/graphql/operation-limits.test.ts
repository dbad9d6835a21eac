import { createRequire } from 'node:module';
import { defineEntity, p } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '../testing';
import { depthLimit } from './depth-limit';
import { documentRefusal, MAX_DOCUMENT_NESTING, shapeOf } from './document-guard';
import { buildFederatedSchema } from './federated-schema';
import { costRefusal, operationLimitRules, type OperationLimits } from './operation-limits';
import { measureOperation } from './operation-measure';

// The CommonJS graphql, as every schema builder uses it (see operation-executor.ts).
const { buildSchema, getOperationAST, parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const schema = buildSchema(`
  type Query { flows(first: Int): FlowConnection! flow(id: ID!): Flow nodeTypes: [NodeType!]! }
  type Mutation { createFlow(name: String!): Flow! }
  type FlowConnection { edges: [FlowEdge!]! }
  type FlowEdge { node: Flow! }
  type Flow { id: ID! name: String! tags: [String!]! runs: [Run!]! versions(first: Int = 5): [Version!]! }
  type Run { id: ID! }
  type Version { id: ID! }
  type NodeType { type: String! }
`);

const limits: OperationLimits = { maxDepth: 15, maxAliases: 30, maxRootFields: 20, maxCost: 10_000, listSize: 10, maxTokens: 10_000, maxFragments: 100 };

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return measureOperation(schema, document, getOperationAST(document)!, { listSize: 10, variables });
}

/** `query { ...F0 }` and F0 spreads F1 ... up to F(n-1), which selects `leaf`. */
const chainOf = (n: number, leaf = 'nodeTypes { type }') =>
  `query { ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i < n - 1 ? `...F${i + 1}` : leaf} }`).join('\n')}`;
/** One fragment spread `n` times side by side. */
const spreadsOf = (n: number) => `query { ${'...F '.repeat(n)}}\nfragment F on Query { nodeTypes { type } }`;
/** Fragments each spreading the one before twice: 2^n paths through n + 1 fragments. */
function doublingOf(n: number): string {
  const fragments = ['fragment D0 on Query { a: nodeTypes { type } }'];
  for (let i = 1; i <= n; i++) fragments.push(`fragment D${i} on Query { ...D${i - 1} ...D${i - 1} }`);
  return `query { ...D${n} }\n${fragments.join('\n')}`;
}

describe('measureOperation', () => {
  it("counts a page's items once: flows(first: 50) { edges { node { id name } } } costs 1 + 50 x 4", () => {
    expect(measure('{ flows(first: 50) { edges { node { id name } } } }').cost).toBe(201);
  });

  it('multiplies lists without a size argument by the default list size, nested, and uses a declared default', () => {
    // nodeTypes: 1 + 10 x 1; flow: 1 + (runs: 1 + 10 x 1) + (versions(first = 5): 1 + 5 x 1) + tags (a leaf list: 1)
    expect(measure('{ nodeTypes { type } flow(id: 1) { runs { id } versions { id } tags } }').cost).toBe(11 + 1 + 11 + 6 + 1);
  });

  it("counts a size given by a variable with the request's value, else the variable's default", () => {
    const query = 'query ($n: Int = 20) { flows(first: $n) { edges { node { id } } } }';
    expect(measure(query)).toMatchObject({ cost: 1 + 20 * 3, sizedByVariables: true });
    expect(measure(query, { n: 1_000 }).cost).toBe(1 + 1_000 * 3);
  });

  it('counts aliases and root fields wherever their fragments are spread', () => {
    const measured = measure('mutation { ...M ...M x: createFlow(name: "x") { id } } fragment M on Mutation { a: createFlow(name: "a") { id } b: createFlow(name: "b") { i: id } }');
    expect(measured).toMatchObject({ aliases: 2 * 3 + 1, rootFields: 3 });
  });

  it('measures fragments that spread each other twice over once each', () => {
    // 2^40 paths: walking each would never finish.
    expect(measure(doublingOf(40))).toMatchObject({ aliases: 2 ** 40, cost: 2 ** 40 * 11 });
  });
});

describe('operation limit rules', () => {
  const errorsOf = (query: string, rules = operationLimitRules(limits)) => validate(schema, parse(query), rules).map((error) => error.extensions);

  it('refuses too many aliases and root fields, naming each limit and what was found', () => {
    const query = `mutation { ${Array.from({ length: 300 }, (_, i) => `f${i}: createFlow(name: "f") { id }`).join(' ')} }`;
    expect(errorsOf(query)).toEqual([
      { code: 'VALIDATION_FAILED', limit: 'MAX_ALIASES', maximum: 30, found: 300 },
      { code: 'VALIDATION_FAILED', limit: 'MAX_ROOT_FIELDS', maximum: 20, found: 300 },
    ]);
  });

  it('refuses an estimated cost over the limit, and passes what fits', () => {
    expect(errorsOf('{ flows(first: 5000) { edges { node { id name } } } }')).toEqual([{ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_COST', maximum: 10_000, found: 20_001 }]);
    expect(errorsOf('{ flows(first: 2000) { edges { node { id name } } } }')).toEqual([]);
  });

  it("refuses a cost over the limit once the request's variables say how many", () => {
    const query = 'query ($n: Int) { flows(first: $n) { edges { node { id name } } } }';
    const document = parse(query);
    expect(errorsOf(query)).toEqual([]);
    expect(costRefusal(schema, document, getOperationAST(document)!, { n: 100 }, limits)).toBeUndefined();
    expect(costRefusal(schema, document, getOperationAST(document)!, { n: 5_000 }, limits)?.extensions).toEqual({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_COST', maximum: 10_000, found: 20_001 });
  });

  it('measures the depth of fragments that spread each other twice over once each', () => {
    expect(validate(schema, parse(doublingOf(40)), [depthLimit(15)])).toEqual([]);
  });
});

describe('documentRefusal', () => {
  it('refuses 10,000 chained fragments and 10,000 spreads by counting them, before anything recurses', () => {
    const roomy = { maxTokens: 1_000_000, maxFragments: 100 };
    expect(documentRefusal(chainOf(10_000), roomy)?.extensions).toEqual({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS', maximum: 100, found: 20_000 });
    expect(documentRefusal(spreadsOf(10_000), roomy)?.extensions).toEqual({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS', maximum: 100, found: 10_001 });
    expect(documentRefusal(chainOf(10_000), { ...roomy, maxTokens: 10_000 })?.extensions).toMatchObject({ limit: 'MAX_QUERY_TOKENS', maximum: 10_000 });
  });

  it('refuses brackets nested past what the parser can recurse through', () => {
    // 3,000 levels in 6,010 tokens: graphql-js's parser would overflow the stack on it.
    const nested = `{ flow(id: ${'['.repeat(3_000)}${']'.repeat(3_000)}) { id } }`;
    expect(documentRefusal(nested, limits)?.extensions).toMatchObject({ limit: 'MAX_DOCUMENT_NESTING', maximum: MAX_DOCUMENT_NESTING, found: 3_002 });
  });

  it('counts tokens as the parser does: comments, strings and inline fragments are not fragments', () => {
    expect(shapeOf('# ...A fragment B\n{ a(s: "...C fragment D") { ... on X { b } ...E } }\nfragment E on Y { c }')).toEqual({ tokens: 25, nesting: 3, fragments: 2 });
  });
});

/** The ORM needs one entity; nothing here reads or writes it. */
const MarkSchema = defineEntity({ name: 'Mark', tableName: 'marks', properties: { id: p.integer().primary() } });

describe('a subgraph refuses what is over its limits before running it', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    const definition = { name: 'limitcheck', entities: [MarkSchema], migrations: [], buildSchema: () => buildFederatedSchema({ name: 'limitcheck', resolvers: [] }) };
    subgraph = await startTestSubgraph(definition, { config: { MAX_ALIASES: 3 } });
  });
  afterAll(() => subgraph?.close());

  const refusalOf = async (query: string) => (await subgraph.request(query)).errors?.[0]?.extensions;

  it('answers too many aliases, chained fragments, spreads and nested brackets with VALIDATION_FAILED, then keeps serving', async () => {
    expect(await refusalOf(`{ ${[1, 2, 3, 4].map((i) => `s${i}: limitcheckStatus { ready }`).join(' ')} }`)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_ALIASES', found: 4 });
    // Some 90,000 tokens: the token limit refuses it first.
    expect(await refusalOf(chainOf(10_000, 'limitcheckStatus { ready }'))).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_TOKENS' });
    expect(await refusalOf(chainOf(1_000, 'limitcheckStatus { ready }'))).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS' });
    expect(await refusalOf(`{ ${'...F '.repeat(10_000)}}\nfragment F on Query { limitcheckStatus { ready } }`)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_QUERY_FRAGMENTS' });
    expect(await refusalOf(`{ ${'... on Query { '.repeat(3_000)}limitcheckStatus { ready }${' }'.repeat(3_000)} }`)).toMatchObject({ code: 'VALIDATION_FAILED', limit: 'MAX_DOCUMENT_NESTING' });
    expect(await subgraph.request('{ limitcheckStatus { ready } }')).toEqual({ data: { limitcheckStatus: { ready: true } } });
  });
});
