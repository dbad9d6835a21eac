import { SUBGRAPHS } from '@omnitron/schema';
import type { SubgraphRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from './context';
import { createExecutionsSubgraph, type ExecutionsSubgraphOptions } from './definition';

export { startExecutionsWorker, type StartedWorker } from './worker/start-worker';

/**
 * The executions subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`):
 * GraphQL over HTTP and graphql-ws on one port, plus its internal routes.
 */
export function executionsRole(options: ExecutionsSubgraphOptions = {}): SubgraphRole<ExecutionsContext> {
  const executions = createExecutionsSubgraph(options);
  return {
    name: 'executions',
    defaultPort: SUBGRAPHS[2].port,
    definition: executions.definition,
    attach: (subgraph) => ({ ...executions.attachSubscriptions(subgraph), subscriptions: executions.localSubscriptions() }),
  };
}
