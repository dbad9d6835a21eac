import { createRequire } from 'node:module';
import type { ASTNode, DocumentNode, Token } from 'graphql';
import type { OmnitronError } from '@omnitron/schema';
import { findUnstorableText, unstorableIn, unstorableTextError, type UnstorableText } from '../storable-text';

/** graphql's CommonJS entry, the copy the schemas are built with (see operation-executor). */
const { Kind, Lexer, parse, Source, TokenKind } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * VALIDATION_FAILED for the first string of an operation that no database can store as sent (a
 * NUL character or an unpaired surrogate, see storable-text): in its variables (`$input.name`,
 * object keys included, JSON scalars at any depth) or in a string literal of its text
 * (`createFlow.input.name`). Undefined when there is none. Every GraphQL door asks this before it
 * runs anything, so PostgreSQL and SQLite never see such text and answer the same.
 */
export function unstorableOperationText(query: unknown, variables: unknown): OmnitronError | undefined {
  if (variables !== null && typeof variables === 'object' && !Array.isArray(variables)) {
    for (const [name, value] of Object.entries(variables)) {
      const found = findUnstorableText(value, `$${name}`);
      if (found) return unstorableTextError(found);
    }
  }
  if (typeof query !== 'string') return undefined;
  const found = unstorableLiteralIn(query);
  return found && unstorableTextError(found);
}

/**
 * `unstorableOperationText` of a GraphQL-over-HTTP request: a POST's JSON body, or the `query` and
 * `variables` (JSON) parameters a GET carries in its URL. What is not an operation is left to the
 * server to refuse in its own words.
 */
export function unstorableHttpOperation(request: { readonly method: string; readonly body: unknown; readonly search: string }): OmnitronError | undefined {
  if (request.method !== 'GET') {
    const body = request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    return unstorableOperationText(body.query, body.variables);
  }
  const params = new URLSearchParams(request.search);
  let variables: unknown;
  try {
    variables = JSON.parse(params.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return unstorableOperationText(params.get('query'), variables);
}

/**
 * Only a raw NUL or a `\u` escape can put such text in a literal (graphql-js refuses a lone
 * surrogate, raw or escaped, as a syntax error), so other texts cost one scan, not a lexing.
 */
function unstorableLiteralIn(query: string): UnstorableText | undefined {
  if (!query.includes('\\u') && !query.includes('\u0000')) return undefined;
  const token = badStringToken(query);
  if (!token) return undefined;
  const problem = unstorableIn(token.value)!;
  return { field: literalPath(query, token.start) ?? `the string at line ${token.line}, column ${token.column}`, problem };
}

/** The first string token holding unstorable text, by graphql-js's lexer (which never recurses). */
function badStringToken(query: string): Token | undefined {
  const lexer = new Lexer(new Source(query));
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if ((token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && unstorableIn(token.value)) return token;
    }
  } catch {
    // A syntax error: the text is refused for it anyway, wherever it goes next.
  }
  return undefined;
}

/**
 * Where the literal starting at `start` sits, named the way variables are (`createFlow.input.name`,
 * `flows.filter.tags[1]`, `@include.if`, `$name` for a default value); undefined when the text
 * does not parse (it is refused for that anyway).
 */
function literalPath(query: string, start: number): string | undefined {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  return pathTo(document, start);
}

function pathTo(node: ASTNode, start: number): string | undefined {
  const pending: Array<readonly [ASTNode, string]> = [[node, '']];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (current.kind === Kind.STRING) {
      if (current.loc?.start === start) return path;
      continue;
    }
    for (const [child, childPath] of childrenOf(current, path)) {
      if (child.loc && child.loc.start <= start && start < child.loc.end) pending.push([child, childPath]);
    }
  }
  return undefined;
}

/** The nodes under `node` that can hold a literal, with the path each adds. */
function childrenOf(node: ASTNode, path: string): Array<readonly [ASTNode, string]> {
  const join = (name: string) => (path === '' ? name : `${path}.${name}`);
  switch (node.kind) {
    case Kind.DOCUMENT:
      return node.definitions.map((definition) => [definition, path] as const);
    case Kind.OPERATION_DEFINITION:
      return [...(node.variableDefinitions ?? []), ...(node.directives ?? []), node.selectionSet].map((child) => [child, path] as const);
    case Kind.VARIABLE_DEFINITION:
      return node.defaultValue ? [[node.defaultValue, `$${node.variable.name.value}`]] : [];
    case Kind.FRAGMENT_DEFINITION:
    case Kind.INLINE_FRAGMENT:
      return [...(node.directives ?? []), node.selectionSet].map((child) => [child, path] as const);
    case Kind.SELECTION_SET:
      return node.selections.map((selection) => [selection, path] as const);
    case Kind.FIELD: {
      const name = node.name.value;
      const args = (node.arguments ?? []).map((arg) => [arg, name] as const);
      const directives = (node.directives ?? []).map((directive) => [directive, name] as const);
      return [...args, ...directives, ...(node.selectionSet ? [[node.selectionSet, ''] as const] : [])];
    }
    case Kind.FRAGMENT_SPREAD:
      return (node.directives ?? []).map((directive) => [directive, ''] as const);
    case Kind.DIRECTIVE:
      return (node.arguments ?? []).map((arg) => [arg, join(`@${node.name.value}`)] as const);
    case Kind.ARGUMENT:
    case Kind.OBJECT_FIELD:
      return [[node.value, join(node.name.value)]];
    case Kind.OBJECT:
      return node.fields.map((field) => [field, path] as const);
    case Kind.LIST:
      return node.values.map((value, index) => [value, `${path}[${index}]`] as const);
    default:
      return [];
  }
}
