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
import { findMembership, requireSession, requireWorkspaceRole } from '../services/workspace-access';
import { WorkspaceRole } from '../types/enums';
import { WorkspaceInvitationType } from '../types/invitation.type';
import { WorkspaceType } from '../types/workspace.type';

/** How long an invitation can be accepted; inviting the same email again renews it. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

const alreadyMember = () => new OmnitronError(ErrorCode.CONFLICT, 'This email belongs to a member of the workspace already');

/** Still pending: not expired (accepted and revoked invitations are deleted). */
const pendingNow = () => ({ expiresAt: { $gt: new Date() } });
const NEWEST_FIRST = { invitedAt: 'desc', id: 'asc' } as const;

/** Every invitation event is audited alike: its workspace, the email (or who joined), the role and the invitation. */
function auditInvitation(em: EntityManager, ctx: IdentityContext, action: AuditAction, invitation: Invitation, actorId: string, target = invitation.email): void {
  recordAudit(em, { action, workspaceId: invitation.workspaceId, actorId, target, ip: ctx.clientIp ?? null, details: { role: invitation.role, invitationId: invitation.id } });
}

/**
 * Invitations are addressed to an email, never to an account: the owner learns nothing about
 * whether the address has an account, and the invitation becomes a membership only when the
 * account with that email accepts it (signing up first if it has to).
 */
@Resolver(() => WorkspaceInvitationType)
export class InvitationResolver {
  /**
   * Owners invite an email address. The answer, and the queries behind it, are the same whether
   * or not an account has the address. Only an address that is already a member here — which the
   * owner sees in `members` anyway — is refused (CONFLICT).
   */
  @Mutation(() => WorkspaceInvitationType)
  async inviteMember(
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('email', () => String) email: string,
    @Arg('role', () => WorkspaceRole) role: Role,
    @Ctx() ctx: IdentityContext,
  ): Promise<Invitation> {
    const caller = requireSession(await requireWorkspaceRole(ctx, workspaceId, 'owner'));
    const invitedEmail = validate(emailRules, email);
    const invitedRole = validate(roleRules, role);
    return ctx.em.transactional(async (em) => {
      // An unknown address looks up a random id, so both paths run the same statements.
      const account = await em.findOne(User, { email: invitedEmail }, { fields: ['id'] });
      if (await em.count(Membership, { workspaceId, userId: account?.id ?? randomUUID() })) throw alreadyMember();
      const invitedAt = new Date();
      const invitation = await em.upsert(
        Invitation,
        { id: randomUUID(), workspaceId, email: invitedEmail, role: invitedRole, invitedAt, expiresAt: new Date(invitedAt.getTime() + INVITATION_TTL_MS) },
        { onConflictFields: ['workspaceId', 'email'], onConflictAction: 'merge', onConflictMergeFields: ['role', 'invitedAt', 'expiresAt'] },
      );
      auditInvitation(em, ctx, AuditAction.memberInvited, invitation, caller.userId);
      return invitation;
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

  /** Invitations waiting for the signed-in person's email, newest first. */
  @Query(() => [WorkspaceInvitationType])
  async myInvitations(@Ctx() ctx: IdentityContext): Promise<Invitation[]> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const user = await ctx.loaders.users.load(caller.userId);
    if (!user) return [];
    return ctx.em.find(Invitation, { email: user.email, ...pendingNow() }, { orderBy: NEWEST_FIRST });
  }

  /**
   * Turns one of the caller's invitations into a membership with the invited role. Anyone else's
   * invitation, or an expired one, answers NOT_FOUND. Accepting where the caller is already a
   * member just uses up the invitation (their role stays).
   */
  @Mutation(() => WorkspaceType)
  async acceptInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Workspace> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const user = await ctx.loaders.users.load(caller.userId);
    const workspaceId = await ctx.em.transactional(async (em) => {
      // Locked, so two accepts at once make one membership.
      const invitation = user && (await em.findOne(Invitation, { id, email: user.email, ...pendingNow() }, { lockMode: LockMode.PESSIMISTIC_WRITE }));
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
