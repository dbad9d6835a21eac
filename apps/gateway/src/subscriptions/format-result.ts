import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { formatError, runInRequestScope } from '@omnitron/server-kit';

/**
 * One error format for queries, mutations and subscriptions: server-kit's `formatError` (shared
 * code, human message, trace id). A wrapped coded error (graphql-ws wraps what a stream throws)
 * keeps its own code and message.
 */
export function formatErrors(errors: readonly (GraphQLError | GraphQLFormattedError)[], traceId: string): GraphQLFormattedError[] {
  return runInRequestScope({ requestId: traceId }, () =>
    errors.map((error) => formatError(plain(error))),
  );
}

/**
 * The error as JSON. Duck-typed: errors from `@apollo/gateway` are GraphQLErrors of the CommonJS
 * `graphql`, which `instanceof` against our ESM import does not recognise.
 */
function plain(error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError {
  const original = 'originalError' in error ? error.originalError : undefined;
  const source = isGraphQLError(original) ? original : error;
  return isGraphQLError(source) ? source.toJSON() : source;
}

function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && 'extensions' in value && typeof (value as GraphQLError).toJSON === 'function';
}

export function formatResult(result: ExecutionResult | FormattedExecutionResult, traceId: string): FormattedExecutionResult {
  if (!result.errors?.length) return result as FormattedExecutionResult;
  return { ...result, errors: formatErrors(result.errors, traceId) } as FormattedExecutionResult;
}
