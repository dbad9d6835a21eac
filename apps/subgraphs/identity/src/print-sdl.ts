import { writeSubgraphSdl } from '@omnitron/server-kit';
import { buildIdentitySchema } from './schema';

await writeSubgraphSdl(buildIdentitySchema, new URL('../schema.graphql', import.meta.url));
