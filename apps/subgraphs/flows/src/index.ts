import { SUBGRAPHS } from '@omnitron/schema';
import type { SubgraphRole } from '@omnitron/server-kit';
import type { FlowsContext } from './context';
import { createFlowsSubgraph, type FlowsSubgraphOptions } from './definition';
import { flowsBodyLimit, loadFlowsSettings } from './settings';

export type { FlowsSubgraphOptions } from './definition';

/**
 * The flows subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`, which
 * passes `localExecutions` / `localIdentity` when those roles are hosted beside it).
 */
export function flowsRole(env: NodeJS.ProcessEnv = process.env, options: FlowsSubgraphOptions = {}): SubgraphRole<FlowsContext> {
  const settings = loadFlowsSettings(env);
  return {
    name: 'flows',
    defaultPort: SUBGRAPHS[1].port,
    definition: createFlowsSubgraph(settings, options),
    // A flow document may reach FLOW_MAX_DOCUMENT_BYTES, so this subgraph's default body limit follows it.
    settingDefaults: () => ({ MAX_BODY_BYTES: String(flowsBodyLimit(settings)) }),
  };
}
