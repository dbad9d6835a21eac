import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode, ValidationRule } from 'graphql';
import { OmnitronError } from '@omnitron/schema';
import { DEFAULT_DOCUMENT_LIMITS, DOCUMENT_CACHE_CHARS, formatError, parseWithinLimits, queryTextWeight, RecentlyUsed, type DocumentLimits, type GraphqlHttpAnswer, type Logger } from '@omnitron/server-kit';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../metrics';

/**
 * graphql's CommonJS entry, the copy the gateway's API schema was built with (Vite would hand an
 * ESM import the `.mjs` copy, whose `validate` refuses that schema as "from another realm").
 */
const { BREAK, GraphQLError: GraphQLErrorClass, getOperationAST, getVariableValues, specifiedRules, validate, visit } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A query text that parsed and passed every validation rule, with what planning keys it by. */
interface PreparedDocument {
  readonly document: DocumentNode;
  /** sha256 of the text, as Apollo Server computes it: the gateway's query plan cache key. */
  readonly queryHash: string;
}

export interface PreparedOperationsOptions {
  /** `gateway.load()`'s executor (plans with the query planner's cache, fetches, merges). */
  readonly executor: GatewayExecutor;
  /** The API schema the gateway serves (what Apollo Server validates against). */
  readonly schema: GraphQLSchema;
  /** Apollo Server's own rules beyond graphql-js's (depth, aliases, root fields, cost). */
  readonly validationRules: readonly ValidationRule[];
  /** A text over these is never parsed here (the gateway refuses it before this path). @default DEFAULT_DOCUMENT_LIMITS */
  readonly documentLimits?: DocumentLimits;
  /**
   * Admits a validated operation with its variables, or throws a coded error (see
   * OperationAdmission); Apollo Server then answers it, through the same admission.
   */
  readonly admit?: (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, context: GatewayContext) => Promise<void>;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
  /** Query texts kept, valid or not (least recently used dropped first). @default 1_000 */
  readonly maxCachedDocuments?: number;
  /** Longer query texts are left to Apollo Server each time. @default 20_000 */
  readonly maxCachedQueryLength?: number;
  /** Most characters of query text whose documents are kept, all together. @default DOCUMENT_CACHE_CHARS */
  readonly maxCachedQueryChars?: number;
}

export interface OperationRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
/** Accept headers whose negotiated answer type is known without a negotiator; others go to Apollo. */
const ANSWER_TYPES = new Map<string, string>([
  ['*/*', APPLICATION_JSON],
  ['application/json', APPLICATION_JSON],
  ['application/graphql-response+json,application/json;q=0.9', GRAPHQL_RESPONSE_JSON],
  ['application/graphql-response+json, application/json;q=0.9', GRAPHQL_RESPONSE_JSON],
]);
const JSON_BODY = /^application\/json\s*(?:;|$)/i;

/**
 * The common case of the gateway's HTTP path without Apollo Server's per-request pipeline: a POST
 * of a query or mutation whose text was already parsed and validated (kept by text), whose
 * operation resolves and whose variables coerce. It goes straight to the gateway's executor and
 * answers exactly as Apollo Server would (status, content type, cache-control, field order,
 * formatted errors, request metrics). Anything else (GET, unusual Accept, extensions such as
 * persisted queries, parse or validation errors, bad variables, refused admissions,
 * subscriptions) returns undefined and is answered by Apollo Server itself, so its errors stay
 * Apollo's.
 *
 * Kept because Apollo Server's pipeline is not within 15 % (#17, measured with the subgraphs in
 * process, `flows(first: 50)` through the gateway, alternating rounds of the same bench run): the
 * same requests through Apollo Server (and so `ApolloGateway`'s executor) cost the API process
 * 1.6-2.3x the CPU of this path with PlanRunner (1.89 vs 0.88 ms per request with the owner's
 * identity hop), and 1.14-1.26x that of this path with `ApolloGateway`'s executor (1.89 vs 1.53 ms).
 */
export class PreparedOperations {
  private readonly documents: RecentlyUsed<string, PreparedDocument | null>;
  private readonly rules: readonly ValidationRule[];
  private readonly maxQueryLength: number;

  constructor(private readonly options: PreparedOperationsOptions) {
    this.rules = [...specifiedRules, ...options.validationRules];
    this.documents = new RecentlyUsed(options.maxCachedDocuments ?? 1_000, queryTextWeight(options.maxCachedQueryChars ?? DOCUMENT_CACHE_CHARS));
    this.maxQueryLength = options.maxCachedQueryLength ?? 20_000;
  }

  /** How many query texts are kept (for tests of the bound). */
  get cachedDocuments(): number {
    return this.documents.size;
  }

  /** The answer to `request`, or undefined when Apollo Server must answer it. */
  async answer(request: OperationRequest, context: GatewayContext): Promise<GraphqlHttpAnswer | undefined> {
    if (request.method !== 'POST' || !JSON_BODY.test(request.headers['content-type'] ?? '')) return undefined;
    const accept = request.headers.accept;
    const contentType = accept === undefined ? APPLICATION_JSON : ANSWER_TYPES.get(accept);
    if (contentType === undefined) return undefined;
    const body = plainRequestOf(request.body);
    if (!body || body.query.length > this.maxQueryLength) return undefined;
    const prepared = this.documentOf(body.query);
    if (!prepared) return undefined;
    const operation = getOperationAST(prepared.document, body.operationName);
    if (!operation || operation.operation === 'subscription') return undefined;
    if (operation.variableDefinitions?.length && getVariableValues(this.options.schema, operation.variableDefinitions, body.variables ?? {}).errors) return undefined;
    if (!(await this.admitted(prepared.document, operation, body.variables, context))) return undefined;
    return this.execute(body, prepared, operation, context, contentType);
  }

  /** Whether `admit` lets the operation run; a refusal is Apollo Server's to answer. */
  private async admitted(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, context: GatewayContext): Promise<boolean> {
    try {
      await this.options.admit?.(this.options.schema, document, operation, variables, context);
      return true;
    } catch (error) {
      if (error instanceof OmnitronError) return false;
      throw error;
    }
  }

  private async execute(body: PlainRequest, prepared: PreparedDocument, operation: OperationDefinitionNode, context: GatewayContext, contentType: string): Promise<GraphqlHttpAnswer> {
    const started = performance.now();
    const operationName = operation.name?.value ?? null;
    const cachePolicy = new ResponseCachePolicy();
    const requestContext: GatewayGraphQLRequestContext<GatewayContext> = {
      request: { query: body.query, ...(body.operationName !== undefined ? { operationName: body.operationName } : {}), ...(body.variables ? { variables: body.variables } : {}) },
      logger: this.options.log,
      schema: this.options.schema,
      schemaHash: 'schemaHash no longer exists since Apollo Server 4' as GatewayGraphQLRequestContext['schemaHash'],
      context,
      cache: NO_CACHE,
      queryHash: prepared.queryHash,
      document: prepared.document,
      source: body.query,
      operationName,
      operation,
      metrics: {},
      debug: false,
      overallCachePolicy: cachePolicy,
      requestIsBatched: false,
    };
    const head = { status: undefined as number | undefined, headers: new Map<string, string>([['content-type', contentType]]) };
    let result: Awaited<ReturnType<GatewayExecutor>>;
    let failed = false;
    try {
      result = await this.options.executor(requestContext);
    } catch (error) {
      // Apollo Server answers an executor that throws with that error alone, status 500.
      result = { errors: [error as GraphQLError] };
      failed = true;
    }
    const errors = result.errors?.length ? result.errors.map((error) => formattedAsApollo(error, head)) : undefined;
    const policy = cachePolicy.policyIfCacheable();
    head.headers.set('cache-control', policy && !errors ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store');
    // Apollo Server answers 400 when an operation failed before producing any data.
    const status = head.status ?? (failed ? 500 : errors && result.data === undefined ? 400 : 200);
    const operationLabel = operationName ?? 'anonymous';
    this.options.metrics.requestDuration.observe({ operation: operationLabel }, (performance.now() - started) / 1000);
    this.options.metrics.requests.inc({ operation: operationLabel, outcome: errors ? 'error' : 'ok' });
    return { status, headers: head.headers, body: `${JSON.stringify({ errors, data: result.data, extensions: result.extensions })}\n` };
  }

  /** The prepared document for `query`, or null when it does not parse or validate (Apollo answers). */
  private documentOf(query: string): PreparedDocument | null {
    return this.documents.getOrCreate(query, () => this.prepare(query));
  }

  private prepare(query: string): PreparedDocument | null {
    let document: DocumentNode;
    try {
      document = parseWithinLimits(query, this.options.documentLimits ?? DEFAULT_DOCUMENT_LIMITS);
    } catch {
      return null;
    }
    // Introspection is refused or allowed by Apollo Server's environment-dependent rule: leave it to Apollo.
    if (validate(this.options.schema, document, this.rules).length > 0 || introspects(document)) return null;
    return { document, queryHash: createHash('sha256').update(query).digest('hex') };
  }
}

interface PlainRequest {
  readonly query: string;
  readonly operationName?: string;
  readonly variables?: Record<string, unknown>;
}

/** A POST body of query, operationName and variables only, well-typed; anything else is Apollo's to judge. */
function plainRequestOf(body: unknown): PlainRequest | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query === '' || extensions != null) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query, operationName: operationName ?? undefined, variables: (variables as Record<string, unknown> | null) ?? undefined };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Apollo Server's formatting of one execution error: a missing code becomes INTERNAL_SERVER_ERROR,
 * an `http` extension sets the answer's status and headers (and is removed), then `formatError`.
 */
function formattedAsApollo(raw: GraphQLError, head: { status: number | undefined; headers: Map<string, string> }): GraphQLFormattedError {
  // A fetch can fail with a plain Error: Apollo wraps those (message kept, no code) first.
  const error = isGraphQLError(raw) ? raw : new GraphQLErrorClass((raw as Error).message, { originalError: raw });
  const { http, ...extensions } = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } as Record<string, unknown>;
  if (http && typeof http === 'object') {
    const partial = http as { status?: number; headers?: Map<string, string> };
    if (partial.status !== undefined) head.status = partial.status;
    if (partial.headers instanceof Map) for (const [name, value] of partial.headers) head.headers.set(name, value);
  }
  return formatError({ ...error.toJSON(), extensions });
}

/** A cache hint as Apollo's CachePolicy takes it. */
interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** By shape: errors may come from either copy of graphql (or be plain Errors). */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && typeof (error as GraphQLError).toJSON === 'function' && typeof (error as GraphQLError).extensions === 'object';
}

/** The response's cache policy: subgraph answers restrict it (see SignedDataSource); unset = not cacheable. */
class ResponseCachePolicy {
  maxAge?: number;
  scope?: CacheHint['scope'];

  replace(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  policyIfCacheable(): Required<CacheHint> | null {
    if (this.maxAge === undefined || this.maxAge <= 0) return null;
    return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
  }
}

/** The gateway's executor keeps its own query plan cache and never reads the request's cache. */
const NO_CACHE: GatewayGraphQLRequestContext['cache'] = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => true,
};
