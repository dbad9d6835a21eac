import { SUBGRAPHS } from '@omnitron/schema';
import type { SubgraphRole } from '@omnitron/server-kit';
import type { IdentityContext } from './context';
import { identitySubgraph } from './definition';

/** The identity subgraph as a role a host runs (alone: `main.ts`; with others: `apps/platform`). */
export const identityRole: SubgraphRole<IdentityContext> = {
  name: 'identity',
  defaultPort: SUBGRAPHS[0].port,
  definition: identitySubgraph,
};
