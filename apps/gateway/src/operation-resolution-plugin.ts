import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { GatewayContext } from './context';
import type { OperationAdmission } from './operation-admission';

/**
 * Refuses, as coded errors before any planning, what Apollo Server would otherwise hand to the
 * gateway: an operation name that resolves to nothing (the gateway fails on it without a code),
 * and, with `admission`, an operation too costly for its variables or whose mutations the
 * caller's budget cannot pay for (see OperationAdmission).
 */
export function operationResolutionPlugin(admission?: OperationAdmission): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document, schema, contextValue }) {
          if (!operation) {
            throw new OmnitronError(
              ErrorCode.VALIDATION_FAILED,
              request.operationName ? `Unknown operation named "${request.operationName}"` : 'The document has several operations: send operationName',
            );
          }
          await admission?.admit(schema, document, operation, request.variables, contextValue);
        },
      };
    },
  };
}
