import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import { JSONScalar, type ExecutionStatus } from '@omnitron/schema';
import type { FlowGraph } from '@omnitron/nodes';
import type { ExecutionsContext } from '../context';
import { Execution } from '../entities/execution.entity';
import { listExecutions, type ExecutionPage } from '../services/list-executions';
import { ExecutionConnectionType } from '../types/connection.type';
import { triggerOf, type ExecutionTrigger } from '../services/run-trigger';
import { ExecutionStatusEnum, ExecutionTriggerEnum } from '../types/enums';
import { ExecutionLogType, ExecutionType, NodeRunType } from '../types/execution.type';
import { FlowType } from '../types/flow.type';

@Resolver(() => ExecutionType)
export class ExecutionResolver {
  /** An execution of the caller's workspace; another workspace's answers like a missing one. */
  @Query(() => ExecutionType, { nullable: true })
  async execution(@Arg('id', () => ID) id: string, @Ctx() ctx: ExecutionsContext): Promise<Execution | null> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    return ctx.em.findOne(Execution, { id, workspaceId: caller.workspaceId });
  }

  /**
   * Top-level runs of the workspace, newest first (child runs are reached through their parent),
   * filtered by flow, status, trigger and creation time (`from` inclusive, `to` exclusive). Another
   * workspace's flow id matches no run; `from` after `to` is VALIDATION_FAILED.
   */
  @Query(() => ExecutionConnectionType)
  async executions(
    @Ctx() ctx: ExecutionsContext,
    @Arg('flowId', () => ID, { nullable: true }) flowId?: string,
    @Arg('status', () => ExecutionStatusEnum, { nullable: true }) status?: ExecutionStatus,
    @Arg('trigger', () => ExecutionTriggerEnum, { nullable: true }) trigger?: ExecutionTrigger,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ExecutionPage> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    return listExecutions(ctx.em, { workspaceId: caller.workspaceId, flowId, status, trigger, from, to, first, after });
  }

  @FieldResolver(() => ExecutionTriggerEnum)
  trigger(@Root() execution: Execution): ExecutionTrigger {
    return triggerOf(execution);
  }

  /** A reference: its id always resolves; the flows subgraph's fields do not once the flow is deleted (use `flowName`). */
  @FieldResolver(() => FlowType)
  flow(@Root() execution: Execution): FlowType {
    return { id: execution.flowId };
  }

  /**
   * The graph (`{ nodes, edges }`) this run is pinned to, from the run itself: the run page draws
   * what ran without asking the flows subgraph, which no longer has it once the flow is deleted.
   */
  @FieldResolver(() => JSONScalar)
  flowGraph(@Root() execution: Execution): FlowGraph {
    return execution.graph;
  }

  @FieldResolver(() => [NodeRunType])
  async nodeRuns(@Root() execution: Execution, @Ctx() ctx: ExecutionsContext): Promise<NodeRunType[]> {
    const rows = await ctx.nodeRuns.load(execution.id);
    return rows.map((row) => ({ ...row, attemptErrors: row.attemptErrors ?? [] }));
  }

  @FieldResolver(() => [ExecutionLogType])
  logs(@Root() execution: Execution, @Ctx() ctx: ExecutionsContext): Promise<ExecutionLogType[]> {
    return ctx.logs.load(execution.id);
  }

  /** Finished: the stored duration; running: time so far. */
  @FieldResolver(() => Int, { nullable: true })
  durationMs(@Root() execution: Execution): number | null {
    if (execution.durationMs !== null && execution.durationMs !== undefined) return execution.durationMs;
    return execution.startedAt ? Date.now() - execution.startedAt.getTime() : null;
  }
}
