import { createRequire } from 'node:module';
import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import { OmnitronError } from '@omnitron/schema';
import { DOCUMENT_CACHE_CHARS, queryTextWeight, RecentlyUsed } from '../recently-used';
import { DEFAULT_DOCUMENT_LIMITS, parseWithinLimits, type DocumentLimits } from './document-guard';

/** graphql's CommonJS entry, the copy the schemas are built with (see operation-executor). */
const { GraphQLError: GraphQLErrorClass, specifiedRules, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface ValidatedDocumentsOptions {
  /** @default graphql's specified rules */
  readonly rules?: readonly ValidationRule[];
  /** Texts kept, valid or not. @default 1_000 */
  readonly max?: number;
  /** Longer texts are checked each time, never kept. @default 20_000 */
  readonly maxQueryLength?: number;
  /** Most characters of text kept, all together. @default DOCUMENT_CACHE_CHARS */
  readonly maxChars?: number;
  /** Checked on each new text before it is parsed (see document-guard). @default DEFAULT_DOCUMENT_LIMITS */
  readonly limits?: DocumentLimits;
}

/**
 * Parsed and validated operation documents by their text, for graphql-ws operations (the gateway's
 * and the executions subgraph's). Clients send the same few subscription documents over and over
 * (every run followed with the same `executionEvents` selection), and validating one cost more
 * than relaying its events. The schema and rules are fixed for the server's life, so a verdict
 * stays true.
 */
export class ValidatedDocuments {
  private readonly documents: RecentlyUsed<string, DocumentNode | readonly GraphQLError[]>;
  private readonly rules: readonly ValidationRule[];
  private readonly maxQueryLength: number;
  private readonly limits: DocumentLimits;

  constructor(
    private readonly schema: GraphQLSchema,
    options: ValidatedDocumentsOptions = {},
  ) {
    this.documents = new RecentlyUsed(options.max ?? 1_000, queryTextWeight(options.maxChars ?? DOCUMENT_CACHE_CHARS));
    this.rules = options.rules ?? specifiedRules;
    this.maxQueryLength = options.maxQueryLength ?? 20_000;
    this.limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  }

  /** The document, or why it cannot run (syntax or validation errors). */
  get(query: string): DocumentNode | readonly GraphQLError[] {
    return this.documents.getOrCreate(query, () => this.check(query), () => query.length <= this.maxQueryLength);
  }

  private check(query: string): DocumentNode | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parseWithinLimits(query, this.limits);
    } catch (error) {
      // A syntax error, or the text is over its limits (VALIDATION_FAILED).
      return [error instanceof GraphQLErrorClass || error instanceof OmnitronError ? error : new GraphQLErrorClass('Query does not parse')];
    }
    const errors = validate(this.schema, document, this.rules);
    return errors.length > 0 ? errors : document;
  }
}
