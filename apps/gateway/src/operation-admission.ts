import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { costRefusal, documentRefusal, rootFieldCount, type GraphqlHttpRequest, type OperationLimits } from '@omnitron/server-kit';
import type { RequestBudget } from './auth/request-budget';
import type { GatewayContext } from './context';

/**
 * What a GraphQL request must pass at the gateway besides validation, so that one request cannot
 * multiply itself: its text within the document limits before anything parses it, then, once its
 * operation is known, its cost counted with its variables and, for a mutation, one unit of the
 * caller's request budget per root field (the request itself paid the first). The validation
 * rules (`operationLimitRules`) check aliases, root fields, depth and cost in between.
 */
export class OperationAdmission {
  constructor(
    private readonly limits: OperationLimits,
    private readonly budget: RequestBudget,
  ) {}

  /**
   * Refuses an HTTP request whose query text (a POST's JSON `query`, a GET's `query` parameter)
   * is over the document limits, before Apollo Server parses it: graphql-js would recurse through
   * its nesting and fragment chains, and a stack overflow answers INTERNAL.
   */
  refuseHttpText(request: GraphqlHttpRequest): void {
    const query = request.method === 'GET' ? new URLSearchParams(request.search).get('query') : queryOf(request.body);
    if (query) this.refuseText(query);
  }

  /** Throws VALIDATION_FAILED (naming the limit) for a text over the document limits. */
  refuseText(query: string): void {
    const refusal = documentRefusal(query, this.limits);
    if (refusal) throw refusal;
  }

  /**
   * Admits an operation that passed validation: throws VALIDATION_FAILED when its cost with
   * these variables is over the limit, RATE_LIMITED (with Retry-After) when the caller's budget
   * cannot pay for its mutations. Both carry the HTTP status they answer with.
   */
  async admit(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, context: GatewayContext): Promise<void> {
    const tooCostly = costRefusal(schema, document, operation, variables, this.limits);
    if (tooCostly) throw withStatus(tooCostly, 400);
    if (operation.operation !== 'mutation') return;
    const mutations = rootFieldCount(document, operation);
    if (mutations <= 1) return;
    try {
      await this.budget.spend(context.caller, context.clientIp ?? 'unknown', mutations - 1);
    } catch (error) {
      if (!(error instanceof OmnitronError) || error.code !== ErrorCode.RATE_LIMITED) throw error;
      throw withStatus(error, 429, new Map([['retry-after', String(error.extensions.retryAfterSeconds)]]));
    }
  }
}

/** A POST body's query text, when it is one request (Apollo refuses batches before parsing). */
function queryOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query } = body as { query?: unknown };
  return typeof query === 'string' ? query : undefined;
}

/** `error` with the HTTP status (and headers) Apollo Server and the prepared path answer it with. */
function withStatus(error: OmnitronError, status: number, headers = new Map<string, string>()): OmnitronError {
  const { code: _code, ...details } = error.extensions;
  return new OmnitronError(error.code, error.message, { ...details, http: { status, headers } });
}
