import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Parsed and validated subscription documents by their text. The gateway sends every client's
 * `executionEvents` subscription with the same few documents, and validating one cost more than
 * serving its events; a document valid once against this schema stays valid.
 */
export class ValidatedDocuments {
  /** Oldest first (Map order), so the first key is the one evicted. */
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    /** Documents kept. @default 500 */
    private readonly max = 500,
  ) {}

  /** The document, or why it cannot run (syntax or validation errors). */
  get(query: string): DocumentNode | readonly GraphQLError[] {
    const known = this.documents.get(query);
    if (known) {
      this.documents.delete(query);
      this.documents.set(query, known);
      return known;
    }
    const checked = this.check(query);
    this.documents.set(query, checked);
    if (this.documents.size > this.max) this.documents.delete(this.documents.keys().next().value!);
    return checked;
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
