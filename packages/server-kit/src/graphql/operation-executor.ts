import { createRequire } from 'node:module';
import type { CompiledQuery } from 'graphql-jit';
import type { DocumentNode, ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode, isErrorCode } from '@omnitron/schema';
import { DOCUMENT_CACHE_CHARS, queryTextWeight, RecentlyUsed } from '../recently-used';
import { DEFAULT_DOCUMENT_LIMITS, parseWithinLimits, type DocumentLimits } from './document-guard';
import { formatError } from './format-error';

/**
 * graphql's CommonJS entry, the one `@apollo/subgraph` and type-graphql build schemas with. Under
 * Node both import routes meet there; Vite (tests) would hand this file the `.mjs` copy, whose
 * `execute` refuses schemas from the other copy ("from another module or realm").
 */
const requireCjs = createRequire(import.meta.url);
const { execute, getOperationAST, GraphQLError, Kind, specifiedRules, validate } = requireCjs('graphql') as typeof import('graphql');
/** graphql-jit's CommonJS entry, for the same reason: it must use the graphql copy the schema was built with. */
const { compileQuery, isCompiledQuery } = requireCjs('graphql-jit') as typeof import('graphql-jit');

/** What a GraphQL-over-HTTP POST carries. */
export interface GraphqlRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
  readonly extensions?: Record<string, unknown> | null;
}

/** The HTTP status and JSON body of one operation. */
export interface OperationAnswer {
  readonly status: number;
  readonly body: { data?: unknown; errors?: readonly GraphQLFormattedError[]; extensions?: unknown };
}

export interface OperationExecutorOptions {
  readonly schema: GraphQLSchema;
  /** Run after graphql-js's own rules (depth limit...). */
  readonly validationRules?: readonly ValidationRule[];
  /** Checked on each new query text before it is parsed (see document-guard). @default DEFAULT_DOCUMENT_LIMITS */
  readonly documentLimits?: DocumentLimits;
  /** Errors that leave as INTERNAL are logged with their cause (here, unless `run` is given a logger). */
  readonly log?: Logger;
  /** Validated documents kept by query text (least recently used dropped first). @default 1_000 */
  readonly maxCachedDocuments?: number;
  /** Longer query texts are parsed each time rather than kept. @default 20_000 */
  readonly maxCachedQueryLength?: number;
  /** Most characters of query text whose documents are kept, all together. @default DOCUMENT_CACHE_CHARS */
  readonly maxCachedQueryChars?: number;
  /**
   * Run kept documents as JavaScript compiled for them by graphql-jit instead of graphql-js's
   * interpreter (false: graphql-js always; tests compare both). @default true
   */
  readonly compile?: boolean;
  /**
   * An operation runs interpreted this many times before it is compiled. Compiling costs far more
   * than one interpreted run (3.3 ms and 320 KB of heap for a 25-field mutation, against about
   * 0.1 ms a run), so only operations that keep coming back are worth it: texts with literals
   * inlined, each sent once, are never compiled. @default 10
   */
  readonly compileAfterRuns?: number;
}

/** A parsed, validated query text, and its operations, counted until they are compiled. */
interface KeptDocument {
  readonly document: DocumentNode;
  /**
   * By operation name: interpreted runs so far, then the compiled operation (null: graphql-jit
   * declined it). Null for a text that is not kept (it is never compiled).
   */
  readonly operations: Map<string | undefined, number | CompiledQuery | null> | null;
}

/** Shapes Apollo Server 5 gives the same failures, so error codes and statuses stay as they were. */
const REQUEST_CODE = { parse: 'GRAPHQL_PARSE_FAILED', validation: 'GRAPHQL_VALIDATION_FAILED', badRequest: 'BAD_REQUEST', userInput: 'BAD_USER_INPUT', operation: 'OPERATION_RESOLUTION_FAILURE' } as const;

/** graphql-js's variable coercion messages (Apollo's test for BAD_USER_INPUT). */
function isVariableCoercionError(error: GraphQLErrorType): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return false;
  const name = node.variable.name.value;
  return ['has invalid value', 'got invalid value ', 'of required type ', 'of non-null type '].some((tail) => error.message.startsWith(`Variable "$${name}" ${tail}`));
}

/**
 * Runs GraphQL operations against a schema with graphql-js directly: each distinct query text is
 * parsed and validated once, then only executed. This is what a subgraph needs from a server
 * (the gateway is its only client, and federation's `_entities`/`_service` are plain schema
 * fields), without a general server's per-request pipeline. Failures answer as Apollo Server did:
 * parse, validation and operation-name errors and bad variables are 400 with their code, every
 * error goes through `formatError` (shared codes, trace id, no internals).
 */
export class OperationExecutor<TContext> {
  private readonly documents: RecentlyUsed<string, KeptDocument>;
  private readonly rules: readonly ValidationRule[];
  private readonly maxQueryLength: number;
  private readonly compileAfterRuns: number;
  private compiledCount = 0;

  constructor(private readonly options: OperationExecutorOptions) {
    this.rules = [...specifiedRules, ...(options.validationRules ?? [])];
    this.documents = new RecentlyUsed(options.maxCachedDocuments ?? 1_000, queryTextWeight(options.maxCachedQueryChars ?? DOCUMENT_CACHE_CHARS));
    this.maxQueryLength = options.maxCachedQueryLength ?? 20_000;
    this.compileAfterRuns = options.compileAfterRuns ?? 10;
  }

  /** How many validated documents are kept (for tests of the bound). */
  get cachedDocuments(): number {
    return this.documents.size;
  }

  /** Operations graphql-jit has compiled so far (for tests: that compiled runs happen). */
  get compilations(): number {
    return this.compiledCount;
  }

  /** Validates the shape of a POST body (Apollo's messages), then runs it; `log` is the request's logger. */
  async run(body: unknown, context: TContext, log = this.options.log): Promise<OperationAnswer> {
    const problem = bodyProblem(body);
    if (problem) return this.failed(400, [new GraphQLError(problem, { extensions: { code: REQUEST_CODE.badRequest } })], log);
    const request = body as GraphqlRequestBody;
    const kept = this.documentOf(request.query);
    if (Array.isArray(kept)) return this.failed(400, kept, log);
    const { document } = kept;
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      const message = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.';
      return this.failed(400, [new GraphQLError(message, { extensions: { code: REQUEST_CODE.operation } })], log);
    }
    const compiled = this.compiledOf(kept, request.operationName ?? undefined);
    const args = { schema: this.options.schema, document, contextValue: context, variableValues: request.variables ?? undefined, operationName: request.operationName ?? undefined };
    let result = (compiled ? await compiled.query(undefined, context, args.variableValues) : await execute(args)) as ExecutionResult;
    if (!result.errors?.length) return { status: 200, body: result.extensions ? { data: result.data, extensions: result.extensions } : { data: result.data } };
    // Execution never started (variables did not coerce): the request itself was wrong. graphql-js
    // says why in its own words (and starts nothing either), so a compiled run answers the same.
    const started = 'data' in result && result.data !== undefined;
    if (!started && compiled) result = (await execute(args)) as ExecutionResult;
    const errors = (result.errors ?? []).map((error) =>
      !started && error.extensions?.code == null && isVariableCoercionError(error)
        ? new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError ?? error, extensions: { ...error.extensions, code: REQUEST_CODE.userInput } })
        : error,
    );
    const formatted = format(errors, log);
    return { status: started ? 200 : 400, body: { ...(started ? { data: result.data } : {}), errors: formatted, ...(result.extensions ? { extensions: result.extensions } : {}) } };
  }

  /** A parsed, validated document for `query`, or the errors that make it unusable. */
  private documentOf(query: string): KeptDocument | GraphQLErrorType[] {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parseWithinLimits(query, this.options.documentLimits ?? DEFAULT_DOCUMENT_LIMITS);
    } catch (error) {
      // A syntax error, or a text over its limits (VALIDATION_FAILED, which the code below keeps in meaning).
      const syntax = error as GraphQLErrorType;
      return [new GraphQLError(syntax.message, { source: syntax.source, positions: syntax.positions, originalError: syntax, extensions: { ...syntax.extensions, code: REQUEST_CODE.parse } })];
    }
    const invalid = validate(this.options.schema, document, this.rules);
    if (invalid.length > 0) {
      return invalid.map((error) => new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError ?? error, extensions: { ...error.extensions, code: REQUEST_CODE.validation } }));
    }
    if (query.length > this.maxQueryLength) return { document, operations: null };
    const kept: KeptDocument = { document, operations: new Map() };
    this.documents.set(query, kept);
    return kept;
  }

  /**
   * The operation compiled by graphql-jit once it has run `compileAfterRuns` times; null until then,
   * when compiling is off, or when graphql-jit declines it (graphql-js runs it then).
   */
  private compiledOf(kept: KeptDocument, operationName: string | undefined): CompiledQuery | null {
    const { operations } = kept;
    if (!operations || this.options.compile === false) return null;
    const known = operations.has(operationName) ? operations.get(operationName)! : 0;
    if (typeof known !== 'number') return known;
    if (known < this.compileAfterRuns) {
      operations.set(operationName, known + 1);
      return null;
    }
    const made = compileQuery(this.options.schema, kept.document, operationName);
    const compiled = isCompiledQuery(made) ? made : null;
    if (compiled) this.compiledCount += 1;
    operations.set(operationName, compiled);
    return compiled;
  }

  private failed(status: number, errors: readonly GraphQLErrorType[], log: Logger | undefined): OperationAnswer {
    return { status, body: { errors: format(errors, log) } };
  }
}

/** `formatError` on each; the ones leaving as INTERNAL are logged with their cause (the client sees none). */
function format(errors: readonly GraphQLErrorType[], log: Logger | undefined): GraphQLFormattedError[] {
  return errors.map((error) => {
    const formatted = formatError(error.toJSON());
    // graphql-jit's errors carry `extensions` only when their cause had some.
    if (formatted.extensions?.code === ErrorCode.INTERNAL && !isErrorCode(error.extensions?.code)) {
      log?.error({ err: error.originalError ?? error, path: error.path }, 'operation failed with an unexpected error');
    }
    return formatted;
  });
}

/** Why a POST body is not a GraphQL request, in Apollo Server's words; undefined when it is one. */
function bodyProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
    return 'POST body missing, invalid Content-Type, or JSON object has no keys.';
  }
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query === '') return 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.';
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return '`variables` in a POST body should be provided as an object.';
  if (operationName != null && typeof operationName !== 'string') return '`operationName` in a POST body must be a string if provided.';
  if (extensions != null && (typeof extensions !== 'object' || Array.isArray(extensions))) return '`extensions` in a POST body should be provided as an object.';
  return undefined;
}
