import { OmnitronError, ErrorCode } from '@omnitron/schema';
import type { IdentityContext } from '../context';
import type { IssuedSession } from '../services/session-service';
import type { AuthPayloadType } from '../types/auth-payload.type';

/** Turns an issued session into the GraphQL payload (user and workspace through the loaders). */
export async function authPayloadOf(ctx: IdentityContext, session: IssuedSession): Promise<AuthPayloadType> {
  const [user, workspace] = await Promise.all([ctx.loaders.users.load(session.userId), ctx.loaders.workspaces.load(session.workspaceId)]);
  if (!user || !workspace) throw new OmnitronError(ErrorCode.INTERNAL, 'Internal error');
  return {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: session.refreshToken,
    user,
    workspace,
    role: session.role,
  };
}
