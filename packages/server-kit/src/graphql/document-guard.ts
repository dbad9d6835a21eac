import { createRequire } from 'node:module';
import type { DocumentNode } from 'graphql';
import type { OmnitronError } from '@omnitron/schema';
import { overLimit } from './limit-refusal';

/** graphql's CommonJS entry, the copy the schemas are built with (see operation-executor). */
const { Lexer, parse, Source, TokenKind } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * Brackets (`{`, `[`, `(`) nested deeper than this refuse a document. graphql-js parses, validates
 * and executes by recursion, several stack frames per bracket, so a few thousand levels (fewer
 * on a deeper stack) overflow it, which would answer INTERNAL. Selections deeper than
 * MAX_QUERY_DEPTH are refused anyway; this bounds what parsing does before that rule can run.
 */
export const MAX_DOCUMENT_NESTING = 128;

/** What a GraphQL document may hold at most, checked on its text before it is parsed. */
export interface DocumentLimits {
  /** Lexical tokens (punctuators, names, values; not comments). Also `parse`'s `maxTokens`. */
  readonly maxTokens: number;
  /** Fragment definitions plus fragment spreads: walks that follow spreads recurse once per link. */
  readonly maxFragments: number;
}

/** The settings' defaults (MAX_QUERY_TOKENS, MAX_QUERY_FRAGMENTS), for servers built without settings. */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxTokens: 10_000, maxFragments: 100 };

/** A document's size as the lexer sees it. */
export interface DocumentShape {
  readonly tokens: number;
  /** Deepest bracket nesting. */
  readonly nesting: number;
  /** Fragment definitions plus named fragment spreads (`...Name`, not `... on Type`). */
  readonly fragments: number;
}

/**
 * Counts a document's tokens, bracket nesting and fragments in one pass of graphql-js's lexer,
 * which never recurses, so no text can overflow the stack here. Stops at the first lexical error:
 * `parse` reports it, and never reads past it either.
 */
export function shapeOf(text: string): DocumentShape {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  let fragments = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens++;
      switch (token.kind) {
        case TokenKind.BRACE_L:
        case TokenKind.BRACKET_L:
        case TokenKind.PAREN_L:
          nesting = Math.max(nesting, ++depth);
          break;
        case TokenKind.BRACE_R:
        case TokenKind.BRACKET_R:
        case TokenKind.PAREN_R:
          depth = Math.max(0, depth - 1);
          break;
        case TokenKind.SPREAD: {
          const next = lexer.lookahead();
          if (next.kind === TokenKind.NAME && next.value !== 'on') fragments++;
          break;
        }
        case TokenKind.NAME:
          if (depth === 0 && token.value === 'fragment') fragments++;
          break;
      }
    }
  } catch {
    // A lexical error: what was read so far is all `parse` reads too.
  }
  return { tokens, nesting, fragments };
}

/** The refusal of a document text over one of its limits, or undefined when it may be parsed. */
export function documentRefusal(text: string, limits: DocumentLimits): OmnitronError | undefined {
  const shape = shapeOf(text);
  if (shape.tokens > limits.maxTokens) return overLimit('MAX_QUERY_TOKENS', limits.maxTokens, shape.tokens);
  if (shape.nesting > MAX_DOCUMENT_NESTING) return overLimit('MAX_DOCUMENT_NESTING', MAX_DOCUMENT_NESTING, shape.nesting);
  if (shape.fragments > limits.maxFragments) return overLimit('MAX_QUERY_FRAGMENTS', limits.maxFragments, shape.fragments);
  return undefined;
}

/**
 * graphql-js's `parse` of a text `documentRefusal` lets through (with `maxTokens` as a second
 * guard). Throws the refusal (VALIDATION_FAILED) or graphql-js's syntax error.
 */
export function parseWithinLimits(text: string, limits: DocumentLimits): DocumentNode {
  const refusal = documentRefusal(text, limits);
  if (refusal) throw refusal;
  return parse(text, { maxTokens: limits.maxTokens });
}
