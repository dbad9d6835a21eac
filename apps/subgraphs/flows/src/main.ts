import { SUBGRAPHS } from '@omnitron/schema';
import { runSubgraph } from '@omnitron/server-kit';
import { flowsSubgraph } from './definition';

await runSubgraph(flowsSubgraph, SUBGRAPHS[1].port);
