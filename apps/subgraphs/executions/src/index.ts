import { SUBGRAPHS } from '@omnitron/schema';
import { CredentialStoreClient, lateRoutes, type LocalSubgraph, type SubgraphRole } from '@omnitron/server-kit';
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
  /**
   * The identity subgraph when it runs in this process too: webhook signature secrets are read
   * from its credential routes in process instead of over signed HTTP at IDENTITY_URL. @default none
   */
  readonly localIdentity?: () => LocalSubgraph | undefined;
}

/**
 * The executions subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`):
 * GraphQL over HTTP and graphql-ws on one port, plus its internal routes.
 */
export function executionsRole(options: ExecutionsRoleOptions = {}): SubgraphRole<ExecutionsContext> {
  const { localFlows, localIdentity, ...subgraphOptions } = options;
  const executions = createExecutionsSubgraph({
    ...subgraphOptions,
    ...(localFlows ? { flows: new InProcessFlowsClient(localFlows) } : {}),
    ...(localIdentity ? { credentials: new CredentialStoreClient(lateRoutes(localIdentity)) } : {}),
  });
  return {
    name: 'executions',
    defaultPort: SUBGRAPHS[2].port,
    definition: executions.definition,
    attach: (subgraph) => ({ ...executions.attachSubscriptions(subgraph), subscriptions: executions.localSubscriptions() }),
  };
}
