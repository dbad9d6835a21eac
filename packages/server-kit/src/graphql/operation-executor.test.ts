import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { createLogger } from '../logger';
import { depthLimit } from './depth-limit';
import { OperationExecutor } from './operation-executor';

// The CommonJS graphql, as the executor and every schema builder use it (see operation-executor.ts).
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

interface Ctx {
  readonly who: string;
}

function testSchema() {
  const schema = buildSchema(`
    type Query { hello(name: String!): String! whoami: String! forbidden: String internal: String nested: Nested }
    type Nested { nested: Nested leaf: String }
    type Mutation { setName(input: NameInput!): String! }
    input NameInput { name: String! password: String! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.hello!.resolve = (_root, args: { name: string }) => `hello ${args.name}`;
  query.whoami!.resolve = (_root, _args, ctx: Ctx) => ctx.who;
  query.forbidden!.resolve = () => {
    throw new OmnitronError(ErrorCode.FORBIDDEN, 'not yours');
  };
  query.internal!.resolve = () => {
    throw new Error('SELECT * FROM secrets failed');
  };
  schema.getMutationType()!.getFields().setName!.resolve = (_root, args: { input: { name: string } }) => args.input.name;
  return schema;
}

function executor(options: { maxCachedDocuments?: number; maxCachedQueryChars?: number; lines?: string[] } = {}) {
  const log = createLogger('executor-test', 'error');
  if (options.lines) {
    const lines = options.lines;
    log.error = ((object: { err: Error }, message: string) => void lines.push(`${message}: ${object.err.message}`)) as never;
  }
  return new OperationExecutor<Ctx>({ schema: testSchema(), validationRules: [depthLimit(3)], log, maxCachedDocuments: options.maxCachedDocuments, maxCachedQueryChars: options.maxCachedQueryChars });
}

const codes = (answer: { body: { errors?: readonly { extensions?: Record<string, unknown> }[] } }) => answer.body.errors?.map((e) => e.extensions?.code);

describe('OperationExecutor', () => {
  it('runs a cached document again with new variables and a new context', async () => {
    const run = executor();
    const query = 'query ($n: String!) { hello(name: $n) whoami }';
    expect(await run.run({ query, variables: { n: 'ada' } }, { who: 'first' })).toEqual({ status: 200, body: { data: { hello: 'hello ada', whoami: 'first' } } });
    expect(await run.run({ query, variables: { n: 'bob' } }, { who: 'second' })).toEqual({ status: 200, body: { data: { hello: 'hello bob', whoami: 'second' } } });
    expect(run.cachedDocuments).toBe(1);
  });

  it('keeps at most maxCachedDocuments, dropping the least recently used', async () => {
    const run = executor({ maxCachedDocuments: 2 });
    for (const query of ['{ whoami }', '{ a: whoami }', '{ whoami }', '{ b: whoami }']) {
      expect((await run.run({ query }, { who: 'x' })).status).toBe(200);
    }
    expect(run.cachedDocuments).toBe(2);
  });

  it('keeps at most maxCachedQueryChars of query text, whatever the count', async () => {
    const run = executor({ maxCachedQueryChars: 40 });
    for (const alias of ['a', 'b', 'c', 'd']) expect((await run.run({ query: `{ ${alias}: whoami ${alias}2: whoami }` }, { who: 'x' })).status).toBe(200);
    expect(run.cachedDocuments).toBe(1); // 24 characters each: two would go over 40
    expect((await run.run({ query: `{ whoami # ${'x'.repeat(50)}\n }` }, { who: 'x' })).status).toBe(200); // too long to keep at all
    expect(run.cachedDocuments).toBe(1);
  });

  it('refuses syntax errors, invalid and too deep documents with 400 VALIDATION_FAILED, every time', async () => {
    const run = executor();
    for (const query of ['{ whoami', '{ nope }', '{ nested { nested { nested { leaf } } } }']) {
      for (let i = 0; i < 2; i++) {
        const answer = await run.run({ query }, { who: 'x' });
        expect(answer.status).toBe(400);
        expect(codes(answer)).toEqual([ErrorCode.VALIDATION_FAILED]);
      }
    }
    expect(run.cachedDocuments).toBe(0);
  });

  it('refuses an unknown operation name or a missing one among several with 400 VALIDATION_FAILED', async () => {
    const run = executor();
    const query = 'query A { whoami } query B { whoami }';
    expect(codes(await run.run({ query, operationName: 'C' }, { who: 'x' }))).toEqual([ErrorCode.VALIDATION_FAILED]);
    expect((await run.run({ query }, { who: 'x' })).status).toBe(400);
    expect(await run.run({ query, operationName: 'B' }, { who: 'x' })).toEqual({ status: 200, body: { data: { whoami: 'x' } } });
  });

  it('refuses variables that do not coerce with 400 VALIDATION_FAILED, without echoing their values', async () => {
    const answer = await executor().run({ query: 'mutation ($i: NameInput!) { setName(input: $i) }', variables: { i: { password: 'hunter2-secret' } } }, { who: 'x' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual([ErrorCode.VALIDATION_FAILED]);
    expect(JSON.stringify(answer.body)).not.toContain('hunter2-secret');
  });

  it('refuses bodies that are not GraphQL requests with 400 VALIDATION_FAILED', async () => {
    const run = executor();
    for (const body of [undefined, [], {}, { query: 1 }, { query: '' }, { query: '{ whoami }', variables: [1] }, { query: '{ whoami }', operationName: 3 }]) {
      const answer = await run.run(body, { who: 'x' });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual([ErrorCode.VALIDATION_FAILED]);
    }
  });

  it('answers coded resolver errors with their code and unexpected ones as INTERNAL, logging the cause', async () => {
    const lines: string[] = [];
    const answer = await executor({ lines }).run({ query: '{ forbidden internal whoami }' }, { who: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ forbidden: null, internal: null, whoami: 'x' });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ message: 'not yours', path: ['forbidden'], extensions: expect.objectContaining({ code: ErrorCode.FORBIDDEN }) }),
      expect.objectContaining({ message: 'Internal error', path: ['internal'], extensions: expect.objectContaining({ code: ErrorCode.INTERNAL }) }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('secrets');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SELECT * FROM secrets failed');
  });
});
