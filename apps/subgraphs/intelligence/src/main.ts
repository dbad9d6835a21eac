import { runSubgraphRole } from '@omnitron/server-kit';
import { intelligenceRole } from './index';

await runSubgraphRole(intelligenceRole());
