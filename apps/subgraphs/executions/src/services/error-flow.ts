import type { Caller } from '@omnitron/server-kit';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from './start-execution';

/** The idempotency key of the error flow's run for a failed run: one such run per failure. */
export const errorFlowKey = (executionId: string): string => `error-flow:${executionId}`;

/** What an error flow's run gets as `$input` (n8n's error workflow input, in our names). */
export interface ErrorFlowInput {
  readonly execution: { readonly id: string; readonly flowId: string; readonly flowName: string | null };
  readonly node: { readonly id: string; readonly type: string | null } | null;
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * Starts the error flow the failed run pinned (its flow's `errorFlowId` when it started), with the
 * failure as input. Called whenever a run is found FAILED by its settler or by a redelivered job,
 * so a crash between the two still starts it; the idempotency key `error-flow:<run id>` makes
 * every call after the first answer with the same run. An error flow's own run never starts
 * another (no loops), and neither does a child run (its parent's failure does) nor a test run. Never throws:
 * a failure to start it is logged, the failed run stays as it is.
 */
export async function startErrorFlow(runtime: ExecutionsRuntime, executionId: string): Promise<void> {
  try {
    const run = await runtime.orm.em.fork().findOne(Execution, { id: executionId });
    // A test run pins no error flow; checked too, so one never starts one however it was stored.
    if (!run || run.status !== 'FAILED' || run.test || !run.errorFlowId || run.errorOfExecutionId || run.parentExecutionId) return;
    const caller: Caller = { userId: run.startedBy, workspaceId: run.workspaceId, role: 'editor', scopes: null };
    const flow = await runtime.flows.currentFlow(caller, run.errorFlowId);
    if (!flow) {
      runtime.log.warn({ executionId, errorFlowId: run.errorFlowId }, 'the error flow of a failed run is gone; nothing started');
      return;
    }
    const started = await startExecution(runtime, {
      workspaceId: run.workspaceId,
      userId: run.startedBy,
      flow,
      input: errorFlowInput(run),
      idempotencyKey: errorFlowKey(run.id),
      errorOfExecutionId: run.id,
    });
    runtime.log.info({ executionId, errorFlowId: run.errorFlowId, errorRunId: started.id }, 'error flow started for a failed run');
  } catch (error) {
    runtime.log.error({ err: error, executionId }, 'starting the error flow of a failed run failed');
  }
}

function errorFlowInput(run: Execution): ErrorFlowInput {
  const failure: ExecutionErrorValue = run.error ?? { code: 'INTERNAL', message: 'The run failed' };
  const node = failure.nodeId ? run.graph.nodes.find((candidate) => candidate.id === failure.nodeId) : undefined;
  return {
    execution: { id: run.id, flowId: run.flowId, flowName: run.flowName ?? null },
    node: failure.nodeId ? { id: failure.nodeId, type: node?.type ?? null } : null,
    error: { code: failure.code, message: failure.message },
  };
}
