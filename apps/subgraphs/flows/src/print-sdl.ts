import { writeSubgraphSdl } from '@omnitron/server-kit';
import { buildFlowsSchema } from './schema';

await writeSubgraphSdl(buildFlowsSchema, new URL('../schema.graphql', import.meta.url));
