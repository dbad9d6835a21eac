import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveExecutionReference, resolveFlowReference } from './references/execution.reference';
import { ExecutionControlResolver } from './resolvers/execution-control.resolver';
import { ExecutionEventResolver } from './resolvers/execution-event.resolver';
import { ExecutionMutationResolver } from './resolvers/execution-mutation.resolver';
import { ExecutionResolver } from './resolvers/execution.resolver';
import { FlowExecutionsResolver } from './resolvers/flow-executions.resolver';
import { LastNodeRunResolver } from './resolvers/last-node-run.resolver';
import { NodeLoopResolver } from './resolvers/node-loop.resolver';
import { SchedulePreviewResolver } from './resolvers/schedule-preview.resolver';
import { SendEventResolver } from './resolvers/send-event.resolver';
import { ExecutionWaitsResolver } from './resolvers/execution-waits.resolver';
import { WebhookTestResolver } from './webhook-test/test-listen.resolver';

/** type-graphql insists on a PubSub once a schema subscribes; ours streams from Redis in `subscribe` instead. */
const unusedPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('executions subscriptions read Redis streams, not a PubSub');
  },
};

export function buildExecutionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'executions',
    resolvers: [ExecutionResolver, ExecutionControlResolver, ExecutionMutationResolver, FlowExecutionsResolver, ExecutionEventResolver, SchedulePreviewResolver, WebhookTestResolver, SendEventResolver, ExecutionWaitsResolver, NodeLoopResolver, LastNodeRunResolver],
    referenceResolvers: {
      Execution: { __resolveReference: resolveExecutionReference },
      Flow: { __resolveReference: resolveFlowReference },
    },
    pubSub: unusedPubSub,
  });
}
