import type { EntityManager } from '@mikro-orm/core';
import type { ExecutionStatus } from '@omnitron/schema';
import { sqlRows } from '@omnitron/server-kit';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import { ExecutionWait } from '../entities/execution-wait.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import { settledMessage, type SettledRun } from '../events/settled-notifier';
import { runtimeKeys } from '../redis-keys';
import type { ExecutionsRuntime } from '../runtime';
import { startErrorFlow } from './error-flow';
import { jsonColumn } from './node-run-row';
import { fitError, fitForStorage } from './truncate';

export type TerminalStatus = Extract<ExecutionStatus, 'SUCCEEDED' | 'FAILED' | 'CANCELLED'>;

const terminalEvent = {
  SUCCEEDED: 'EXECUTION_SUCCEEDED',
  FAILED: 'EXECUTION_FAILED',
  CANCELLED: 'EXECUTION_CANCELLED',
} as const;

export const isTerminal = (status: ExecutionStatus): status is TerminalStatus =>
  status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';

export interface Settlement {
  readonly status: TerminalStatus;
  readonly output?: unknown;
  readonly error?: ExecutionErrorValue | null;
  /** When the run started, if the caller knows (saves a read); the stored value otherwise. */
  readonly startedAt?: Date | null;
}

/**
 * Writes the final state, then appends the terminal event, so whoever sees the event reads the
 * final row. Only a non-terminal row is settled: a run settles once even if two parties race.
 * Every way a run ends comes through here (the runner, a run that crashed on its last attempt or
 * stalled too often, cancelling a queued run, the recover sweep failing a run nothing will finish),
 * so this is also where the whole node outputs kept for resuming (`ResumeOutput`, up to
 * NODE_OUTPUT_RESUME_MAX_BYTES each) are dropped, in the same transaction as the final row, and
 * where a failed run starts its flow's error flow (error-flow.ts).
 * Returns false when the execution was already terminal.
 */
export async function settleExecution(runtime: ExecutionsRuntime, executionId: string, settlement: Settlement): Promise<boolean> {
  const em = runtime.orm.em.fork();
  let known = settlement.startedAt;
  if (known === undefined) {
    const execution = await em.findOne(Execution, { id: executionId }, { fields: ['status', 'startedAt'] });
    if (!execution || isTerminal(execution.status)) return false;
    known = execution.startedAt;
  }
  const final = finalRowOf(runtime, { ...settlement, startedAt: known });
  const updated = await em.transactional((tx) => writeFinalRow(tx, executionId, final, true));
  if (updated === 0) return false;
  await afterSettled(runtime, executionId, { ...settlement, error: final.error }, settledRunOf(final));
  return true;
}

/** The final state of a run as `settleExecution` writes it (output and error bounded). */
export interface FinalRow {
  readonly status: TerminalStatus;
  readonly output: unknown;
  readonly outputTruncated: boolean;
  readonly error: ExecutionErrorValue | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
}

export function finalRowOf(runtime: ExecutionsRuntime, settlement: Settlement): FinalRow {
  const finishedAt = new Date();
  const startedAt = settlement.startedAt ?? finishedAt;
  const output = fitForStorage(settlement.output ?? null, runtime.settings.NODE_OUTPUT_MAX_BYTES);
  return {
    status: settlement.status,
    output: output.value,
    outputTruncated: output.truncated,
    error: settlement.error ? fitError(settlement.error) : null,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  };
}

/**
 * Writes `final` on a run that is not terminal yet (returns 1, or 0 when it was), in the caller's
 * transaction. `tidy` also drops the whole outputs kept for resuming and ends the run's waits,
 * also when another party settled the run first: a worker still running a run that was failed
 * elsewhere as stalled may have kept outputs since, and nothing reads them any more. Its waits are
 * kept as a record (a second call to a resume URL is refused), never swept. A run that never kept
 * a whole output nor parked has neither and may skip them.
 */
export async function writeFinalRow(tx: EntityManager, executionId: string, final: FinalRow, tidy: boolean): Promise<number> {
  // Bound parameters, no query builder (see sqlRows): every run ends here.
  const written = await sqlRows(
    tx,
    `update "executions" set "status" = ?, "output" = ?, "output_truncated" = ?, "error" = ?, "started_at" = ?, "finished_at" = ?, "duration_ms" = ?
     where "id" = ? and "status" in ('QUEUED', 'RUNNING', 'WAITING') returning "id"`,
    [final.status, jsonColumn(final.output), final.outputTruncated, jsonColumn(final.error), final.startedAt, final.finishedAt, final.durationMs, executionId],
  );
  const count = written.length;
  if (tidy) {
    await tx.nativeDelete(ResumeOutput, { executionId });
    await tx.nativeUpdate(ExecutionWait, { executionId, status: { $ne: 'DONE' } }, { status: 'DONE' });
  }
  return count;
}

/** The final state a settled notice carries (see `SettledRun`); `answer` when the settler knows the run's respond node answer. */
export const settledRunOf = (final: FinalRow, answer?: SettledRun['answer']): SettledRun => ({
  status: final.status,
  output: final.output,
  error: final.error,
  ...(answer === undefined ? {} : { answer }),
});

/**
 * What follows a run's final row: its terminal event and settled notice, and a failed run's error
 * flow. `run` is the final row as written, carried by the notice (waiters then need not read it).
 */
export async function afterSettled(runtime: ExecutionsRuntime, executionId: string, settlement: Settlement, run?: SettledRun): Promise<void> {
  await announceSettled(runtime, executionId, settlement, run);
  if (settlement.status === 'FAILED') await startErrorFlow(runtime, executionId);
}

async function announceSettled(runtime: ExecutionsRuntime, executionId: string, settlement: Settlement, run?: SettledRun): Promise<void> {
  // Both follow the final row; the notice goes out in the script that stores the event, right after it.
  await runtime.events.append(
    executionId,
    { type: terminalEvent[settlement.status], nodeId: settlement.error?.nodeId ?? null, data: { status: settlement.status, error: settlement.error ?? null } },
    { channel: runtimeKeys.settledChannel(runtime.config.REDIS_PREFIX), message: settledMessage(executionId, run) },
  );
}

/**
 * For a run found already settled when its job is resumed: if the worker died between writing the
 * final row and appending the terminal event, append it now, so subscribers complete (and start
 * a failed run's error flow, should it not be started yet).
 */
export async function ensureTerminalEvent(runtime: ExecutionsRuntime, execution: Execution): Promise<void> {
  if (!isTerminal(execution.status)) return;
  // The settler may have died before starting the error flow too; starting it again is a no-op.
  if (execution.status === 'FAILED') await startErrorFlow(runtime, execution.id);
  const last = await runtime.events.lastEvent(execution.id);
  if (last && last.type === terminalEvent[execution.status]) return;
  await announceSettled(runtime, execution.id, { status: execution.status, error: execution.error });
}
