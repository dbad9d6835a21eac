import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';
import { flowStats, type FlowStats } from '../services/flow-stats';
import { listExecutions, type ExecutionPage } from '../services/list-executions';
import { ExecutionConnectionType } from '../types/connection.type';
import { FlowStatsType, FlowType } from '../types/flow.type';

/** The fields this subgraph contributes to `Flow`: its runs and their stats, in the caller's workspace. */
@Resolver(() => FlowType)
export class FlowExecutionsResolver {
  @FieldResolver(() => ExecutionConnectionType)
  executions(
    @Root() flow: FlowType,
    @Ctx() ctx: ExecutionsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ExecutionPage> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    return listExecutions(ctx.em, { workspaceId: caller.workspaceId, flowId: flow.id, first, after });
  }

  @FieldResolver(() => FlowStatsType)
  stats(@Root() flow: FlowType, @Ctx() ctx: ExecutionsContext): Promise<FlowStats> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    return flowStats(ctx.em, caller.workspaceId, flow.id);
  }
}
