import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { formatError, runInRequestScope } from '@omnitron/server-kit';

/**
 * One error format for queries, mutations and subscriptions: server-kit's `formatError` (shared
 * code, human message, trace id). A wrapped coded error (graphql-ws wraps what a stream throws)
 * keeps its own code and message.
 */
export function formatErrors(errors: readonly (GraphQLError | GraphQLFormattedError)[], traceId: string): GraphQLFormattedError[] {
  return runInRequestScope({ requestId: traceId }, () =>
    errors.map((error) => {
      if (!(error instanceof GraphQLError)) return formatError(error);
      const original = error.originalError instanceof GraphQLError ? error.originalError : error;
      return formatError(original.toJSON());
    }),
  );
}

export function formatResult(result: ExecutionResult | FormattedExecutionResult, traceId: string): FormattedExecutionResult {
  if (!result.errors?.length) return result as FormattedExecutionResult;
  return { ...result, errors: formatErrors(result.errors, traceId) } as FormattedExecutionResult;
}
