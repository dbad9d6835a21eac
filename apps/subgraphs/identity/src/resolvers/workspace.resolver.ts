import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import { requireRole, type Role } from '@omnitron/server-kit';
import type { IdentityContext } from '../context';
import { Membership } from '../entities/membership.entity';
import type { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';
import { AuditAction, recordAudit } from '../services/audit-log';
import { roleRules, validate, workspaceNameRules } from '../services/input-rules';
import { currentGeneration, nextGeneration } from '../services/membership-generations';
import { keepRequiredOwners, requireSession, requireWorkspaceRole } from '../services/workspace-access';
import { WorkspaceRole } from '../types/enums';
import { UserType } from '../types/user.type';
import { WorkspaceMemberType, WorkspaceType } from '../types/workspace.type';

@Resolver(() => WorkspaceType)
export class WorkspaceResolver {
  /** The caller's workspaces (an API key sees only its own). */
  @Query(() => [WorkspaceType])
  async workspaces(@Ctx() ctx: IdentityContext): Promise<Workspace[]> {
    const caller = requireRole(ctx, 'viewer');
    const memberships = await ctx.em.find(
      Membership,
      caller.apiKeyId ? { userId: caller.userId, workspaceId: caller.workspaceId } : { userId: caller.userId },
      { orderBy: { createdAt: 'asc' } },
    );
    const workspaces = await ctx.loaders.workspaces.loadMany(memberships.map((m) => m.workspaceId));
    return workspaces.filter((w): w is Workspace => w instanceof Workspace);
  }

  @Query(() => WorkspaceType, { nullable: true })
  async workspace(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<Workspace | null> {
    try {
      await requireWorkspaceRole(ctx, id, 'viewer');
    } catch (error) {
      if (error instanceof OmnitronError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
    return ctx.loaders.workspaces.load(id);
  }

  @Mutation(() => WorkspaceType)
  async createWorkspace(@Arg('name', () => String) name: string, @Ctx() ctx: IdentityContext): Promise<Workspace> {
    const caller = requireSession(requireRole(ctx, 'viewer'));
    const validName = validate(workspaceNameRules, name);
    const workspace = ctx.em.create(Workspace, { id: randomUUID(), name: validName, personal: false, createdAt: new Date() });
    await ctx.em.flush();
    const generation = await currentGeneration(ctx.em, caller.userId);
    ctx.em.create(Membership, { id: randomUUID(), workspaceId: workspace.id, userId: caller.userId, role: 'owner', generation, createdAt: new Date() });
    recordAudit(ctx.em, { action: AuditAction.workspaceCreated, workspaceId: workspace.id, actorId: caller.userId, ip: ctx.clientIp ?? null });
    await ctx.em.flush();
    return workspace;
  }

  @Mutation(() => WorkspaceMemberType)
  async changeMemberRole(
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => WorkspaceRole) role: Role,
    @Ctx() ctx: IdentityContext,
  ): Promise<WorkspaceMemberType> {
    const caller = requireSession(await requireWorkspaceRole(ctx, workspaceId, 'owner'));
    const newRole = validate(roleRules, role);
    const user = await ctx.loaders.users.load(userId);
    const membership = await ctx.em.transactional(async (em) => {
      const found = await em.findOne(Membership, { workspaceId, userId });
      if (!found || !user) throw notFound('Member');
      if (newRole !== 'owner') await keepRequiredOwners(em, found, userId === caller.userId);
      const from = found.role;
      found.role = newRole;
      found.generation = await nextGeneration(em, userId);
      recordAudit(em, { action: AuditAction.memberRoleChanged, workspaceId, actorId: caller.userId, target: userId, ip: ctx.clientIp ?? null, details: { from, to: role } });
      return found;
    });
    await ctx.services.revocations.publish({ kind: 'membership', userId, workspaceId, at: Date.now(), generation: membership.generation });
    return { user: user!, role: membership.role, joinedAt: membership.createdAt };
  }

  /**
   * Owners remove anyone; any member may remove themselves (leave). The last owner cannot go, nor
   * can the owner of a personal workspace.
   */
  @Mutation(() => Boolean)
  async removeMember(
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    const self = requireSession(requireRole(ctx, 'viewer'));
    const caller = await requireWorkspaceRole(ctx, workspaceId, userId === self.userId ? 'viewer' : 'owner');
    const generation = await ctx.em.transactional(async (em) => {
      const membership = await em.findOne(Membership, { workspaceId, userId });
      if (!membership) throw notFound('Member');
      await keepRequiredOwners(em, membership, userId === self.userId);
      em.remove(membership);
      recordAudit(em, { action: AuditAction.memberRemoved, workspaceId, actorId: caller.userId, target: userId, ip: ctx.clientIp ?? null });
      // Every token of the removed membership carries a lower generation than this one.
      return nextGeneration(em, userId);
    });
    await ctx.services.revocations.publish({ kind: 'membership', userId, workspaceId, at: Date.now(), generation });
    return true;
  }

  /** The caller's role here; null when the caller is not a member (e.g. resolved for another subgraph). */
  @FieldResolver(() => WorkspaceRole, { nullable: true })
  async myRole(@Root() workspace: Workspace, @Ctx() ctx: IdentityContext): Promise<Role | null> {
    if (!ctx.caller) return null;
    const membership = await ctx.loaders.memberships.load(`${ctx.caller.userId}:${workspace.id}`);
    return membership?.role ?? null;
  }

  /** The user whose personal workspace this is (null for a shared one), visible to members only. */
  @FieldResolver(() => UserType, { nullable: true })
  async personalOwner(@Root() workspace: Workspace, @Ctx() ctx: IdentityContext): Promise<User | null> {
    if (!workspace.personalOwnerId || !ctx.caller || !(await this.myRole(workspace, ctx))) return null;
    return ctx.loaders.users.load(workspace.personalOwnerId);
  }

  /** Members, visible to members only (others get an empty list). */
  @FieldResolver(() => [WorkspaceMemberType])
  async members(@Root() workspace: Workspace, @Ctx() ctx: IdentityContext): Promise<WorkspaceMemberType[]> {
    if (!ctx.caller || !(await this.myRole(workspace, ctx))) return [];
    const memberships = await ctx.em.find(Membership, { workspaceId: workspace.id }, { orderBy: { createdAt: 'asc' } });
    const users = await ctx.loaders.users.loadMany(memberships.map((m) => m.userId));
    return memberships.flatMap((m, i) => {
      const user = users[i];
      // loadMany answers a row, null (no such user) or the Error of a failed batch.
      return user && !(user instanceof Error) ? [{ user, role: m.role, joinedAt: m.createdAt }] : [];
    });
  }
}
