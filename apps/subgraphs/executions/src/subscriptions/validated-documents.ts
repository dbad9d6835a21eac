import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { RecentlyUsed } from '@omnitron/server-kit';

/**
 * Parsed and validated subscription documents by their text. The gateway sends every client's
 * `executionEvents` subscription with the same few documents, and validating one cost more than
 * serving its events; a document valid once against this schema stays valid.
 */
export class ValidatedDocuments {
  private readonly documents: RecentlyUsed<string, DocumentNode | readonly GraphQLError[]>;

  constructor(
    private readonly schema: GraphQLSchema,
    /** Documents kept. @default 500 */
    max = 500,
  ) {
    this.documents = new RecentlyUsed(max);
  }

  /** The document, or why it cannot run (syntax or validation errors). */
  get(query: string): DocumentNode | readonly GraphQLError[] {
    return this.documents.getOrCreate(query, () => this.check(query));
  }

  private check(query: string): DocumentNode | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [error instanceof GraphQLError ? error : new GraphQLError('Query does not parse')];
    }
    const errors = validate(this.schema, document);
    return errors.length > 0 ? errors : document;
  }
}
