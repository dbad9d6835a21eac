import type { SubgraphDefinition } from '@omnitron/server-kit';
import { Flow } from './entities/flow.entity';
import { migrations } from './migrations';
import { buildFlowsSchema } from './schema';

/** The flows subgraph: flows, versions, sharing, templates, validation. */
export const flowsSubgraph: SubgraphDefinition = {
  name: 'flows',
  entities: [Flow],
  migrations,
  buildSchema: buildFlowsSchema,
};
