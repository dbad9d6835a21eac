import { SUBGRAPHS } from '@omnitron/schema';
import type { LocalSubgraph, SubgraphRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from './context';
import { InProcessFlowsClient } from './clients/flows-client';
import { createExecutionsSubgraph, type ExecutionsSubgraphOptions } from './definition';

export { startExecutionsWorker, type StartedWorker } from './worker/start-worker';

export interface ExecutionsRoleOptions extends ExecutionsSubgraphOptions {
  /**
   * The flows subgraph when it runs in this process too (undefined until it has started): flows to
   * run are read from it in process instead of over signed HTTP at FLOWS_URL. @default none
   */
  readonly localFlows?: () => LocalSubgraph | undefined;
}

/**
 * The executions subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`):
 * GraphQL over HTTP and graphql-ws on one port, plus its internal routes.
 */
export function executionsRole(options: ExecutionsRoleOptions = {}): SubgraphRole<ExecutionsContext> {
  const { localFlows, ...subgraphOptions } = options;
  const executions = createExecutionsSubgraph({ ...subgraphOptions, ...(localFlows ? { flows: new InProcessFlowsClient(localFlows) } : {}) });
  return {
    name: 'executions',
    defaultPort: SUBGRAPHS[2].port,
    definition: executions.definition,
    attach: (subgraph) => ({ ...executions.attachSubscriptions(subgraph), subscriptions: executions.localSubscriptions() }),
  };
}
