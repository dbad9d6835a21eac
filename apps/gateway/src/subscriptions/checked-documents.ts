import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { RecentlyUsed } from '@omnitron/server-kit';

/** A query text checked against the API schema: its document, or why it cannot run. */
export type CheckedDocument = { readonly document: DocumentNode } | { readonly problems: readonly string[] };

/**
 * Parsed and validated operation documents by their text, for graphql-ws operations. Clients send
 * the same few subscription documents over and over (every run followed with the same
 * `executionEvents` selection), and validating one cost the gateway more than relaying its events.
 * The schema and rules are fixed for the server's life, so a verdict stays true.
 */
export class CheckedDocuments {
  private readonly checked: RecentlyUsed<string, CheckedDocument>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    /** Texts kept, valid or not. @default 1_000 */
    max = 1_000,
    /** Longer texts are checked each time, never kept. @default 20_000 */
    private readonly maxLength = 20_000,
  ) {
    this.checked = new RecentlyUsed(max);
  }

  get(query: string): CheckedDocument {
    return this.checked.getOrCreate(query, () => this.check(query), () => query.length <= this.maxLength);
  }

  private check(query: string): CheckedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { problems: [error instanceof GraphQLError ? error.message : 'Query does not parse'] };
    }
    const invalid = validate(this.schema, document, this.rules);
    return invalid.length > 0 ? { problems: invalid.map((e) => e.message) } : { document };
  }
}
