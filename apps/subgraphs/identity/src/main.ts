import { runSubgraphRole } from '@omnitron/server-kit';
import { identityRole } from './index';

await runSubgraphRole(identityRole);
