import { SUBGRAPHS } from '@omnitron/schema';
import { runSubgraph } from '@omnitron/server-kit';
import { executionsSubgraph } from './definition';

await runSubgraph(executionsSubgraph, SUBGRAPHS[2].port);
