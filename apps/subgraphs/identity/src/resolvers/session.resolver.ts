import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, unauthenticated } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import { findMembership, requireSession } from '../services/workspace-access';
import { AuthPayloadType } from '../types/auth-payload.type';
import { authPayloadOf } from './auth-payload';

const MAX_TOKEN_LENGTH = 200;

@Resolver()
export class SessionResolver {
  /** Public: the refresh token itself is the credential. Rotates it; reusing an old one revokes the session. */
  @Mutation(() => AuthPayloadType)
  async refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: IdentityContext): Promise<AuthPayloadType> {
    if (refreshToken.length > MAX_TOKEN_LENGTH) throw unauthenticated('Session expired or revoked; sign in again');
    const session = await ctx.services.sessions.refresh(ctx.em, refreshToken, ctx.clientIp ?? null);
    return authPayloadOf(ctx, session);
  }

  /** Public: the refresh token is the credential. Ends its session; unknown tokens are ignored. */
  @Mutation(() => Boolean)
  async logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    if (refreshToken.length <= MAX_TOKEN_LENGTH) await ctx.services.sessions.end(ctx.em, refreshToken);
    return true;
  }

  /** New tokens acting in another workspace the caller belongs to; any other id answers NOT_FOUND. */
  @Mutation(() => AuthPayloadType)
  async switchWorkspace(@Arg('workspaceId', () => ID) workspaceId: string, @Ctx() ctx: IdentityContext): Promise<AuthPayloadType> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const membership = await findMembership(ctx.em, caller.userId, workspaceId);
    if (!membership) throw notFound('Workspace');
    const session = await ctx.services.sessions.issue(ctx.em, membership);
    await ctx.em.flush();
    return authPayloadOf(ctx, session);
  }
}
