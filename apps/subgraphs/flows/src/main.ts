import { SUBGRAPHS } from '@omnitron/schema';
import { runSubgraph } from '@omnitron/server-kit';
import { createFlowsSubgraph } from './definition';
import { flowsBodyLimit, loadFlowsSettings } from './settings';

const settings = loadFlowsSettings();
// A flow document may reach FLOW_MAX_DOCUMENT_BYTES, so this subgraph's default body limit follows it.
process.env.MAX_BODY_BYTES ??= String(flowsBodyLimit(settings));

await runSubgraph(createFlowsSubgraph(settings), SUBGRAPHS[1].port);
