import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import { requireRole, type Role } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import type { Workspace } from '../entities/workspace.entity';
import { AuditAction, recordAudit } from '../services/audit-log';
import { emailRules, roleRules, validate } from '../services/input-rules';
import { currentGeneration } from '../services/membership-generations';
import { newInvitationToken, sha256 } from '../services/tokens';
import { findMembership, requireSession, requireWorkspaceRole } from '../services/workspace-access';
import { WorkspaceRole } from '../types/enums';
import { CreatedInvitationType, WorkspaceInvitationType } from '../types/invitation.type';
import { WorkspaceType } from '../types/workspace.type';

/** How long an invitation can be accepted; inviting the same email again renews it. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

const alreadyMember = () => new OmnitronError(ErrorCode.CONFLICT, 'This email belongs to a member of the workspace already');

/** Still pending: not expired (accepted and revoked invitations are deleted). */
const pendingNow = () => ({ expiresAt: { $gt: new Date() } });
const NEWEST_FIRST = { invitedAt: 'desc', id: 'asc' } as const;

/** Longer than any token made here (`omi_` + 43 characters): not worth hashing. */
const MAX_TOKEN_LENGTH = 200;

/**
 * The pending invitation `token` opens, provided it was sent to `email` (the signed-in account's):
 * the token proves the invitee received the invitation, the email that the account is theirs to
 * accept it with. Anything else is null, whichever part failed.
 */
function findByToken(em: EntityManager, token: string, email: string | undefined, lock = false): Promise<Invitation | null> {
  if (!email || token.length > MAX_TOKEN_LENGTH) return Promise.resolve(null);
  return em.findOne(Invitation, { tokenHash: sha256(token), email, ...pendingNow() }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
}

/** Every invitation event is audited alike: its workspace, the email (or who joined), the role and the invitation. */
function auditInvitation(em: EntityManager, ctx: IdentityContext, action: AuditAction, invitation: Invitation, actorId: string, target = invitation.email): void {
  recordAudit(em, { action, workspaceId: invitation.workspaceId, actorId, target, ip: ctx.clientIp ?? null, details: { role: invitation.role, invitationId: invitation.id } });
}

/**
 * Invitations are addressed to an email, never to an account: the owner learns nothing about
 * whether the address has an account, and the invitation becomes a membership only when the
 * account with that email accepts it (signing up first if it has to) with the invitation's token.
 * Emails are not verified, so the email alone proves nothing: whoever registers an invited address
 * first could otherwise join. The token, shown to the inviter once and handed on by them (there is
 * no mailer), is what only the invitee holds.
 */
@Resolver(() => WorkspaceInvitationType)
export class InvitationResolver {
  /**
   * Owners invite an email address. The answer, and the queries behind it, are the same whether
   * or not an account has the address. Only an address that is already a member here — which the
   * owner sees in `members` anyway — is refused (CONFLICT). The answer carries the token that
   * accepts the invitation, this once; inviting the address again renews the invitation with a new
   * token, and the old one stops working.
   */
  @Mutation(() => CreatedInvitationType)
  async inviteMember(
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('email', () => String) email: string,
    @Arg('role', () => WorkspaceRole) role: Role,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreatedInvitationType> {
    const caller = requireSession(await requireWorkspaceRole(ctx, workspaceId, 'owner'));
    const invitedEmail = validate(emailRules, email);
    const invitedRole = validate(roleRules, role);
    return ctx.em.transactional(async (em) => {
      // An unknown address looks up a random id, so both paths run the same statements.
      const account = await em.findOne(User, { email: invitedEmail }, { fields: ['id'] });
      if (await em.count(Membership, { workspaceId, userId: account?.id ?? randomUUID() })) throw alreadyMember();
      const invitedAt = new Date();
      const token = newInvitationToken();
      const invitation = await em.upsert(
        Invitation,
        { id: randomUUID(), workspaceId, email: invitedEmail, role: invitedRole, tokenHash: sha256(token), invitedAt, expiresAt: new Date(invitedAt.getTime() + INVITATION_TTL_MS) },
        { onConflictFields: ['workspaceId', 'email'], onConflictAction: 'merge', onConflictMergeFields: ['role', 'tokenHash', 'invitedAt', 'expiresAt'] },
      );
      auditInvitation(em, ctx, AuditAction.memberInvited, invitation, caller.userId);
      return { token, invitation };
    });
  }

  /** A workspace's pending invitations (neither accepted nor expired), newest first, for its owners. */
  @Query(() => [WorkspaceInvitationType])
  async workspaceInvitations(@Arg('workspaceId', () => ID) workspaceId: string, @Ctx() ctx: IdentityContext): Promise<Invitation[]> {
    requireSession(await requireWorkspaceRole(ctx, workspaceId, 'owner'));
    return ctx.em.find(Invitation, { workspaceId, ...pendingNow() }, { orderBy: NEWEST_FIRST });
  }

  /**
   * Owners withdraw a pending invitation so it can no longer be accepted. Another workspace's
   * invitation answers NOT_FOUND exactly like a missing or expired one; a member who is not an
   * owner of its workspace gets FORBIDDEN.
   */
  @Mutation(() => Boolean)
  async revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    await ctx.em.transactional(async (em) => {
      // Locked, so a revocation and an acceptance at once cannot both succeed.
      const invitation = await em.findOne(Invitation, { id, ...pendingNow() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const membership = invitation && (await findMembership(em, caller.userId, invitation.workspaceId));
      if (!invitation || !membership) throw notFound('Invitation');
      requireRole({ caller: { ...caller, workspaceId: invitation.workspaceId, role: membership.role } }, 'owner');
      em.remove(invitation);
      auditInvitation(em, ctx, AuditAction.memberInvitationRevoked, invitation, caller.userId);
    });
    return true;
  }

  /**
   * Invitations waiting for the signed-in person's email, newest first: to know they exist. They
   * are accepted with the link (token) the inviter sent, not from this list.
   */
  @Query(() => [WorkspaceInvitationType])
  async myInvitations(@Ctx() ctx: IdentityContext): Promise<Invitation[]> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const user = await ctx.loaders.users.load(caller.userId);
    if (!user) return [];
    return ctx.em.find(Invitation, { email: user.email, ...pendingNow() }, { orderBy: NEWEST_FIRST });
  }

  /**
   * The pending invitation `token` opens, for the accept page to say what it is: null unless it
   * was sent to the signed-in person's email (used, revoked, expired, renewed or someone else's).
   */
  @Query(() => WorkspaceInvitationType, { nullable: true })
  async invitationByToken(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<Invitation | null> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const user = await ctx.loaders.users.load(caller.userId);
    return findByToken(ctx.em, token, user?.email);
  }

  /**
   * Turns the invitation `token` opens into a membership with the invited role, once: the
   * invitation goes with it. A wrong, used, renewed-since, revoked or expired token, or one sent
   * to another email than the caller's, answers NOT_FOUND. Accepting where the caller is already
   * a member just uses up the invitation (their role stays).
   */
  @Mutation(() => WorkspaceType)
  async acceptInvitation(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<Workspace> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const user = await ctx.loaders.users.load(caller.userId);
    const workspaceId = await ctx.em.transactional(async (em) => {
      // Locked, so two accepts at once make one membership and the token is used once.
      const invitation = await findByToken(em, token, user?.email, true);
      if (!invitation) throw notFound('Invitation');
      em.remove(invitation);
      if (!(await findMembership(em, caller.userId, invitation.workspaceId))) {
        const generation = await currentGeneration(em, caller.userId);
        em.create(Membership, { id: randomUUID(), workspaceId: invitation.workspaceId, userId: caller.userId, role: invitation.role, generation, createdAt: new Date() });
        auditInvitation(em, ctx, AuditAction.memberJoined, invitation, caller.userId, caller.userId);
      }
      return invitation.workspaceId;
    });
    const workspace = await ctx.loaders.workspaces.load(workspaceId);
    if (!workspace) throw notFound('Invitation');
    return workspace;
  }

  /** The workspace invited into: its name, for the invitee to decide (its members stay hidden until they join). */
  @FieldResolver(() => WorkspaceType)
  async workspace(@Root() invitation: Invitation, @Ctx() ctx: IdentityContext): Promise<Workspace> {
    const workspace = await ctx.loaders.workspaces.load(invitation.workspaceId);
    if (!workspace) throw notFound('Workspace');
    return workspace;
  }
}
