import { SUBGRAPHS } from '@omnitron/schema';
import { runSubgraph } from '@omnitron/server-kit';
import { intelligenceSubgraph } from './definition';

await runSubgraph(intelligenceSubgraph, SUBGRAPHS[3].port);
