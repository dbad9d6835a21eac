import type { SubgraphDefinition } from '@omnitron/server-kit';
import { Execution } from './entities/execution.entity';
import { migrations } from './migrations';
import { buildExecutionsSchema } from './schema';

/** The executions subgraph: executions, node runs, logs, triggers, the event stream. */
export const executionsSubgraph: SubgraphDefinition = {
  name: 'executions',
  entities: [Execution],
  migrations,
  buildSchema: buildExecutionsSchema,
};
