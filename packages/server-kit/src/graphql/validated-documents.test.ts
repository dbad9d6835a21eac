import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ValidatedDocuments } from './validated-documents';

// The CommonJS copy of graphql, which ValidatedDocuments validates with.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const schema = buildSchema('type Query { a: Int } type Subscription { ticks(after: Int): Int! }');

describe('ValidatedDocuments', () => {
  it('parses and validates a document once, then answers from memory', () => {
    const documents = new ValidatedDocuments(schema);
    const first = documents.get('subscription { ticks }');
    expect(Array.isArray(first)).toBe(false);
    expect(documents.get('subscription { ticks }')).toBe(first);
  });

  it('answers the syntax or validation errors of a document that cannot run', () => {
    const documents = new ValidatedDocuments(schema);
    expect((documents.get('subscription { ticks') as readonly Error[])[0]!.message).toMatch(/Syntax Error/);
    expect((documents.get('subscription { nope }') as readonly Error[])[0]!.message).toMatch(/Cannot query field "nope"/);
  });

  it('keeps at most `max` documents, dropping the least recently used', () => {
    const documents = new ValidatedDocuments(schema, { max: 2 });
    const a = documents.get('subscription A { ticks }');
    documents.get('subscription B { ticks }');
    documents.get('subscription A { ticks }'); // A is now the most recent
    documents.get('subscription C { ticks }'); // evicts B
    expect(documents.get('subscription A { ticks }')).toBe(a);
  });
});
