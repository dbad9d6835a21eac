import { writeSubgraphSdl } from '@omnitron/server-kit';
import { buildIntelligenceSchema } from './schema';

await writeSubgraphSdl(buildIntelligenceSchema, new URL('../schema.graphql', import.meta.url));
