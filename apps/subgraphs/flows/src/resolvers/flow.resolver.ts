import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireRole, type SubgraphContext } from '@omnitron/server-kit';
import { Flow } from '../entities/flow.entity';
import { FlowType, UserRef } from '../types/flow.type';

@Resolver(() => FlowType)
export class FlowResolver {
  /** A flow of the caller's workspace; another workspace's flow answers like a missing one. */
  @Query(() => FlowType, { nullable: true })
  async flow(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Flow | null> {
    const caller = requireRole(ctx, 'viewer', 'flows:read');
    return ctx.em.findOne(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null });
  }

  @FieldResolver(() => UserRef)
  owner(@Root() flow: Flow): UserRef {
    return { id: flow.ownerId };
  }
}
