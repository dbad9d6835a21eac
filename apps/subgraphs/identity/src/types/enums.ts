import { registerEnumType } from 'type-graphql';
import { ROLES, SCOPES, type Role, type Scope } from '@omnitron/server-kit';

/** GraphQL names (OWNER, FLOWS_READ...) mapped onto the server-kit values ('owner', 'flows:read'...). */
const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase().replace(':', '_'), value])) as Record<string, T>;

export const WorkspaceRole = enumOf<Role>(ROLES);
registerEnumType(WorkspaceRole, { name: 'WorkspaceRole', description: 'A member\'s role: viewers read, editors change flows and run them, owners manage members and keys' });

export const ApiKeyScope = enumOf<Scope>(SCOPES);
registerEnumType(ApiKeyScope, { name: 'ApiKeyScope', description: 'What an API key may do, within its owner\'s role' });
