import { SUBGRAPHS } from '@omnitron/schema';
import { runSubgraph } from '@omnitron/server-kit';
import { identitySubgraph } from './definition';

await runSubgraph(identitySubgraph, SUBGRAPHS[0].port);
