import { LockMode, type EntityManager } from '@mikro-orm/core';
import { ErrorCode, OmnitronError, forbidden, notFound } from '@omnitron/schema';
import { requireRole, type Caller, type CallerContext, type Role } from '@omnitron/server-kit';
import { Membership } from '../entities/membership.entity';
import { Workspace } from '../entities/workspace.entity';

/** The caller's membership in `workspaceId`, or null. */
export function findMembership(em: EntityManager, userId: string, workspaceId: string): Promise<Membership | null> {
  return em.findOne(Membership, { userId, workspaceId });
}

/**
 * `requireRole` against the caller's current membership of `workspaceId` (read now, not from the
 * token, so a demotion counts at once). Not a member — or an API key from another workspace —
 * answers NOT_FOUND, exactly like a workspace that does not exist.
 */
export async function requireWorkspaceRole(ctx: CallerContext & { em: EntityManager }, workspaceId: string, minimum: Role): Promise<Caller> {
  const caller = requireRole(ctx, 'viewer');
  const membership = await findMembership(ctx.em, caller.userId, workspaceId);
  if (!membership || (caller.apiKeyId && caller.workspaceId !== workspaceId)) throw notFound('Workspace');
  return requireRole({ caller: { ...caller, workspaceId, role: membership.role } }, minimum);
}

/** Managing sessions, keys and members needs a signed-in person, not an API key. */
export function requireSession(caller: Caller): Caller {
  if (caller.scopes !== null || caller.apiKeyId) throw forbidden('API keys cannot do this; sign in instead');
  return caller;
}

const lastOwner = () => new OmnitronError(ErrorCode.CONFLICT, 'A workspace needs at least one owner; make someone else owner first');

/** Why the owner of a personal workspace stays in it, worded for them (`self`) or for another owner. */
const personalOwnerStays = (self: boolean) =>
  new OmnitronError(
    ErrorCode.CONFLICT,
    self
      ? 'This is your personal workspace: you cannot leave it or stop being its owner'
      : "This is this member's personal workspace: they cannot be removed from it or stop being its owner",
  );

/**
 * Refuses (CONFLICT) to let `membership` end or stop being an owner when its workspace must keep
 * that owner: the user whose personal workspace it is (register made it theirs, and it is the
 * workspace they always keep), or its last owner. `self` says whether the caller is that member
 * (leaving, or demoting themselves), for the wording. Call it in a transaction: it locks the
 * workspace row first (PostgreSQL `FOR UPDATE`; SQLite serialises writers anyway), so two owners
 * demoting each other at once cannot both see the other remain.
 */
export async function keepRequiredOwners(em: EntityManager, membership: Membership, self: boolean): Promise<void> {
  const { workspaceId, userId } = membership;
  const workspace = await em.findOne(Workspace, { id: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (workspace?.personalOwnerId === userId) throw personalOwnerStays(self);
  if (membership.role !== 'owner') return;
  if ((await em.count(Membership, { workspaceId, role: 'owner', userId: { $ne: userId } })) === 0) throw lastOwner();
}
