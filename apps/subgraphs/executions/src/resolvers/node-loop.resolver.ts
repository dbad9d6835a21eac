import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import { JSONScalar } from '@omnitron/schema';
import type { ExecutionsContext } from '../context';
import { Execution } from '../entities/execution.entity';
import { executionNotFound, flowNotFound } from '../services/execution-errors';
import { retryExecution, type RetryVersion } from '../services/retry-execution';
import { testNode } from '../services/test-node';
import { RetryVersionEnum } from '../types/enums';
import { ExecutionType } from '../types/execution.type';

/** The build and debug loop: test a node of an unsaved draft, retry a run from any node. */
@Resolver()
export class NodeLoopResolver {
  /**
   * Runs the draft `graph` (the editor's unsaved nodes and edges) of the caller's flow `flowId`
   * from its trigger up to and including `nodeId`; nodes not upstream of it do not run. With
   * `usePinned` (default true) a node's `pinnedData` is used as its output instead of running it.
   * Saves nothing; the run is `test: true` and streams on `executionEvents` like any other.
   * An invalid draft is VALIDATION_FAILED naming the node and field; pinned data over
   * PINNED_DATA_MAX_BYTES is PAYLOAD_TOO_LARGE.
   */
  @Mutation(() => ExecutionType)
  async testNode(
    @Arg('flowId', () => ID) flowId: string,
    @Arg('graph', () => JSONScalar) graph: unknown,
    @Arg('nodeId', () => String) nodeId: string,
    @Ctx() ctx: ExecutionsContext,
    @Arg('usePinned', () => Boolean, { nullable: true, defaultValue: true }) usePinned: boolean | null,
    @Arg('input', () => JSONScalar, { nullable: true }) input?: unknown,
  ): Promise<Execution> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    const flow = await ctx.runtime.flows.currentFlow(caller, flowId);
    if (!flow) throw flowNotFound();
    return testNode(ctx.runtime, { workspaceId: caller.workspaceId, userId: caller.userId, flow, draft: graph, nodeId, usePinned: usePinned !== false, input: input ?? null });
  }

  /**
   * Starts a new run linked to run `id` (`retryOfId`) that reuses the recorded result of every
   * node upstream of `fromNodeId` and runs the rest (default: from the node the run failed at, or
   * from the start), on the version that ran (PINNED, default) or the flow's current version
   * (CURRENT). CONFLICT with `reason` and `nodeIds` when the results cannot be reused: the current
   * version no longer has a node upstream (UPSTREAM_REMOVED) or one upstream has no result in the
   * run (UPSTREAM_NOT_RUN).
   */
  @Mutation(() => ExecutionType)
  async retryExecution(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ExecutionsContext,
    @Arg('fromNodeId', () => String, { nullable: true }) fromNodeId?: string,
    @Arg('version', () => RetryVersionEnum, { nullable: true }) version?: RetryVersion,
  ): Promise<Execution> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    const original = await ctx.em.findOne(Execution, { id, workspaceId: caller.workspaceId });
    if (!original) throw executionNotFound();
    return retryExecution(ctx.runtime, { caller, original, fromNodeId: fromNodeId ?? null, version: version ?? 'PINNED' });
  }
}
