import type { GraphQLSchema } from 'graphql';
import { localSubscriptions, ValidatedDocuments, type LocalSubscriptions } from '@omnitron/server-kit';
import { executionsContext } from '../context';
import type { ExecutionsRuntime } from '../runtime';

/**
 * `Subscription.executionEvents` for a gateway in this process: what `attachEventsSocket` serves
 * over graphql-ws, with the caller the gateway authenticated handed over instead of signed headers.
 */
export function localEventSubscriptions(schema: GraphQLSchema, runtime: ExecutionsRuntime): LocalSubscriptions {
  return localSubscriptions({
    name: 'executions',
    schema,
    documents: new ValidatedDocuments(schema, { max: 500 }),
    log: runtime.log,
    context: ({ caller, requestId }) => executionsContext({ caller, requestId, em: runtime.orm.em.fork(), log: runtime.log.child({ requestId }) }, runtime),
  });
}
