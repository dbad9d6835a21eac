import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, OmnitronError } from '@omnitron/schema';

/**
 * In gateway mode Apollo hands an unresolvable operation name to the gateway, which fails
 * without a code. Refuse it here, as a validation error, before any planning.
 */
export function operationResolutionPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new OmnitronError(
            ErrorCode.VALIDATION_FAILED,
            request.operationName
              ? `Unknown operation named "${request.operationName}"`
              : 'The document has several operations: send operationName',
          );
        },
      };
    },
  };
}
