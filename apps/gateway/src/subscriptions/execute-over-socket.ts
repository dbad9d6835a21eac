import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '@omnitron/schema';
import { runInRequestScope } from '@omnitron/server-kit';
import type { GatewayContext } from '../context';
import type { OperationRequest } from './subscription-server';

/**
 * Runs a query or mutation received over graphql-ws through the same ApolloServer (and so the
 * same gateway, plugins, validation and error format) as HTTP requests.
 */
export async function executeThroughApollo(
  apollo: ApolloServer<GatewayContext>,
  request: OperationRequest,
  context: GatewayContext,
): Promise<FormattedExecutionResult> {
  const response = await runInRequestScope({ requestId: context.requestId }, () => apollo.executeOperation(request, { contextValue: context }));
  if (response.body.kind === 'single') return response.body.singleResult;
  return { errors: [{ message: '@defer and @stream are not supported over WebSocket', extensions: { code: ErrorCode.VALIDATION_FAILED, traceId: context.requestId } }] };
}
