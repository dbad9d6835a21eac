import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireRole, type SubgraphContext } from '@omnitron/server-kit';
import { Execution } from '../entities/execution.entity';
import { ExecutionType, FlowRef } from '../types/execution.type';

@Resolver(() => ExecutionType)
export class ExecutionResolver {
  /** An execution of the caller's workspace; another workspace's answers like a missing one. */
  @Query(() => ExecutionType, { nullable: true })
  async execution(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Execution | null> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    return ctx.em.findOne(Execution, { id, workspaceId: caller.workspaceId });
  }

  @FieldResolver(() => FlowRef)
  flow(@Root() execution: Execution): FlowRef {
    return { id: execution.flowId };
  }

  @FieldResolver(() => Int, { nullable: true })
  durationMs(@Root() execution: Execution): number | null {
    if (!execution.startedAt || !execution.finishedAt) return null;
    return execution.finishedAt.getTime() - execution.startedAt.getTime();
  }
}
