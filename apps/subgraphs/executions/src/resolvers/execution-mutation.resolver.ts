import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import { JSONScalar } from '@omnitron/schema';
import type { ExecutionsContext } from '../context';
import { Execution } from '../entities/execution.entity';
import { requestCancel } from '../services/cancel-execution';
import { deleteExecution } from '../services/delete-execution';
import { executionNotFound, flowNotFound } from '../services/execution-errors';
import { isTerminal } from '../services/settle-execution';
import { startExecution } from '../services/start-execution';
import { syncFlowTriggers, type TriggerSyncResult } from '../triggers/sync-flow-triggers';
import { TriggerSyncType } from '../types/execution-event.type';
import { ExecutionType } from '../types/execution.type';

/** How long cancelExecution waits for the run to settle before answering with its current state. */
const CANCEL_WAIT_MS = 1_500;

@Resolver()
export class ExecutionMutationResolver {
  /**
   * Pins the flow's current version, queues a run. The same idempotency key for the same flow
   * within 24 h returns the same run (another flow's key does not); the same key with another
   * input is refused with CONFLICT.
   */
  @Mutation(() => ExecutionType)
  async startExecution(
    @Arg('flowId', () => ID) flowId: string,
    @Ctx() ctx: ExecutionsContext,
    @Arg('input', () => JSONScalar, { nullable: true }) input?: unknown,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string,
  ): Promise<Execution> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    const flow = await ctx.runtime.flows.currentFlow(caller, flowId);
    if (!flow) throw flowNotFound();
    const execution = await startExecution(ctx.runtime, {
      workspaceId: caller.workspaceId,
      userId: caller.userId,
      flow,
      input: input ?? null,
      idempotencyKey: idempotencyKey?.slice(0, 200) ?? null,
      requireSameInput: true,
    });
    // Its caller usually follows it next: executionEvents then needs no read of the row.
    if (!isTerminal(execution.status)) ctx.runtime.events.owners.remember(execution.id, execution.workspaceId);
    return execution;
  }

  /** Aborts the nodes in flight (or drops the queued job) and answers once the run settled. */
  @Mutation(() => ExecutionType)
  async cancelExecution(@Arg('id', () => ID) id: string, @Ctx() ctx: ExecutionsContext): Promise<Execution> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    const execution = await ctx.em.findOne(Execution, { id, workspaceId: caller.workspaceId });
    if (!execution) throw executionNotFound();
    await requestCancel(ctx.runtime, execution);
    return (await ctx.runtime.settled.waitForSettled(id, CANCEL_WAIT_MS)) ?? execution;
  }

  /** Deletes a finished run with its child runs and records (editor role); answers the deleted id. */
  @Mutation(() => ID)
  async deleteExecution(@Arg('id', () => ID) id: string, @Ctx() ctx: ExecutionsContext): Promise<string> {
    const caller = requireRole(ctx, 'editor', 'executions:run');
    await deleteExecution(ctx.runtime, caller.workspaceId, id);
    return id;
  }

  /**
   * Reconciles the flow's webhook and schedule triggers with its saved state. Saves and deletes
   * already do this through the flow-change stream (triggers/flow-change-trigger-sync.ts); this is
   * the manual resync. Idempotent.
   */
  @Mutation(() => TriggerSyncType)
  async syncFlowTriggers(@Arg('flowId', () => ID) flowId: string, @Ctx() ctx: ExecutionsContext): Promise<TriggerSyncResult> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return syncFlowTriggers(ctx.runtime, caller, flowId);
  }
}
