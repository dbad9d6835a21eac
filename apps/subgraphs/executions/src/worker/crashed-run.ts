import { ErrorCode, type NodeRunRecord } from '@omnitron/nodes';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { ensureTerminalEvent, isTerminal, settleExecution } from '../services/settle-execution';
import { describeExit, type NodeInFlight, type ProcessExit } from './isolated-run';
import { commitNodeRun } from './node-run-store';

/** The run's error: WORKER_CRASHED naming the node in flight (the one started last, when several were). */
export function workerCrashedError(inFlight: readonly NodeInFlight[], exit: ProcessExit): ExecutionErrorValue {
  const culprit = inFlight.at(-1);
  const where =
    inFlight.length === 0 ? 'between nodes' : inFlight.length === 1 ? `in node ${culprit!.nodeId}` : `in nodes ${inFlight.map((n) => n.nodeId).join(', ')}`;
  return {
    code: ErrorCode.WORKER_CRASHED,
    message: `The process running this run died ${where} (${describeExit(exit)}) after the run had already taken a worker down; it is not resumed again`,
    ...(culprit ? { nodeId: culprit.nodeId } : {}),
  };
}

/**
 * Fails a run whose own process died under it, after it had been in flight on a worker that died
 * too: running it again would only kill another process. Each node in flight gets a NODE_FAILED
 * event and a FAILED node run with the error, then the run settles FAILED (final row, terminal
 * event, resume outputs freed) like any other end. Returns false when the run had already ended.
 */
export async function failCrashedRun(runtime: ExecutionsRuntime, executionId: string, inFlight: readonly NodeInFlight[], exit: ProcessExit): Promise<boolean> {
  const execution = await runtime.orm.em.fork().findOne(Execution, { id: executionId });
  if (!execution) return false;
  if (isTerminal(execution.status)) {
    await ensureTerminalEvent(runtime, execution);
    return false;
  }
  const error = workerCrashedError(inFlight, exit);
  const finishedAt = new Date();
  for (const node of inFlight) {
    const record: NodeRunRecord = {
      nodeId: node.nodeId,
      status: 'FAILED',
      attempts: node.attempt,
      error: { code: error.code, message: error.message },
      startedAt: node.startedAt,
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - Date.parse(node.startedAt)),
    };
    await runtime.events.append(executionId, { type: 'NODE_FAILED', nodeId: node.nodeId, data: { record } });
    await commitNodeRun(runtime, executionId, record, { resuming: true });
  }
  return settleExecution(runtime, executionId, { status: 'FAILED', error, startedAt: execution.startedAt });
}
