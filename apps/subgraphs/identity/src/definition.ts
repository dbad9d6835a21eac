import type { SubgraphDefinition } from '@omnitron/server-kit';
import { User } from './entities/user.entity';
import { migrations } from './migrations';
import { buildIdentitySchema } from './schema';

/** The identity subgraph: users, sessions, API keys, workspaces, roles, audit log. */
export const identitySubgraph: SubgraphDefinition = {
  name: 'identity',
  entities: [User],
  migrations,
  buildSchema: buildIdentitySchema,
};
