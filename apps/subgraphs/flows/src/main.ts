import { runSubgraphRole } from '@omnitron/server-kit';
import { flowsRole } from './index';

await runSubgraphRole(flowsRole());
