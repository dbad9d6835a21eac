import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, type ReferenceResolvers } from '@omnitron/server-kit';
import { resolveUserReference } from './references/user.reference';
import { resolveWorkspaceReference } from './references/workspace.reference';
import { AccountResolver } from './resolvers/account.resolver';
import { ApiKeyResolver } from './resolvers/api-key.resolver';
import { AuditLogResolver } from './resolvers/audit-log.resolver';
import { CredentialResolver } from './resolvers/credential.resolver';
import { InvitationResolver } from './resolvers/invitation.resolver';
import { MeResolver } from './resolvers/me.resolver';
import { SessionResolver } from './resolvers/session.resolver';
import { WorkspaceResolver } from './resolvers/workspace.resolver';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'identity',
    resolvers: [MeResolver, AccountResolver, SessionResolver, ApiKeyResolver, WorkspaceResolver, InvitationResolver, AuditLogResolver, CredentialResolver],
    referenceResolvers: {
      User: { __resolveReference: resolveUserReference },
      Workspace: { __resolveReference: resolveWorkspaceReference },
    } as ReferenceResolvers,
  });
}
