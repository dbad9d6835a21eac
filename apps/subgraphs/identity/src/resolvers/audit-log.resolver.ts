import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { decodeCursor, encodeCursor, pageSize, requireRole } from '@omnitron/server-kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { IdentityContext } from '../context';
import { AuditEvent } from '../entities/audit-event.entity';
import type { User } from '../entities/user.entity';
import { requireSession, requireWorkspaceRole } from '../services/workspace-access';
import { AuditEventConnectionType, AuditEventType } from '../types/audit-event.type';
import { UserType } from '../types/user.type';

function afterCursor(after: string | null | undefined): FilterQuery<AuditEvent> {
  if (!after) return {};
  const key = decodeCursor(after);
  if (!key || key.length !== 2 || typeof key[0] !== 'number' || typeof key[1] !== 'string') {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Invalid cursor');
  }
  const at = new Date(key[0]);
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: key[1] } }] };
}

@Resolver(() => AuditEventType)
export class AuditLogResolver {
  /** The active workspace's security events, newest first. Owners only, signed in (not API keys). */
  @Query(() => AuditEventConnectionType)
  async auditLog(
    @Ctx() ctx: IdentityContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEventConnectionType> {
    const caller = requireSession(requireRole(ctx, 'owner'));
    await requireWorkspaceRole(ctx, caller.workspaceId, 'owner');
    const size = pageSize(first);
    const rows = await ctx.em.find(
      AuditEvent,
      { $and: [{ workspaceId: caller.workspaceId }, afterCursor(after)] },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 },
    );
    const page = rows.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor([node.createdAt.getTime(), node.id]), node: node as unknown as AuditEventType }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > size } };
  }

  @FieldResolver(() => UserType, { nullable: true })
  async actor(@Root() event: AuditEvent, @Ctx() ctx: IdentityContext): Promise<User | null> {
    return event.actorId ? ctx.loaders.users.load(event.actorId) : null;
  }
}
