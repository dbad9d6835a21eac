import { writeSubgraphSdl } from '@omnitron/server-kit';
import { buildExecutionsSchema } from './schema';

await writeSubgraphSdl(buildExecutionsSchema, new URL('../schema.graphql', import.meta.url));
