import { SUBGRAPHS } from '@omnitron/schema';
import type { SubgraphRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from './context';
import { intelligenceSubgraph } from './definition';

/** The intelligence subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`). */
export const intelligenceRole: SubgraphRole<IntelligenceContext> = {
  name: 'intelligence',
  defaultPort: SUBGRAPHS[3].port,
  definition: intelligenceSubgraph,
};
