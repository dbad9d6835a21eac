import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';
import { lastNodeRun } from '../services/last-node-run';
import { LastNodeRunType } from '../types/last-node-run.type';

/** What the editor's node view shows for a node after a reload: its data in the flow's newest run that ran it. */
@Resolver()
export class LastNodeRunResolver {
  /**
   * Node `nodeId`'s result (input, output or error) in the newest run of flow `flowId` that ran it,
   * a test run or a run of the saved flow; null when no run did. Viewer role and
   * `executions:read`; a flow of another workspace, or none, is NOT_FOUND.
   */
  @Query(() => LastNodeRunType, { nullable: true })
  async lastNodeRun(
    @Arg('flowId', () => ID) flowId: string,
    @Arg('nodeId', () => String) nodeId: string,
    @Ctx() ctx: ExecutionsContext,
  ): Promise<LastNodeRunType | null> {
    const caller = requireRole(ctx, 'viewer', 'executions:read');
    const found = await lastNodeRun(ctx.em, ctx.runtime.flows, caller, flowId, nodeId);
    return found && { execution: found.execution, nodeRun: { ...found.nodeRun, attemptErrors: found.nodeRun.attemptErrors ?? [] } };
  }
}
