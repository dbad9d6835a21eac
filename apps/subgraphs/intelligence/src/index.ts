import { SUBGRAPHS } from '@omnitron/schema';
import type { SubgraphRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from './context';
import { createIntelligenceSubgraph } from './definition';
import type { IntelligenceOptions } from './services/intelligence-services';

export type IntelligenceRoleOptions = Pick<IntelligenceOptions, 'localFlows' | 'localIdentity'>;

/**
 * The intelligence subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`,
 * which passes `localFlows` / `localIdentity` when those roles are hosted beside it).
 */
export function intelligenceRole(options: IntelligenceRoleOptions = {}): SubgraphRole<IntelligenceContext> {
  return {
    name: 'intelligence',
    defaultPort: SUBGRAPHS[3].port,
    definition: createIntelligenceSubgraph(options),
  };
}
