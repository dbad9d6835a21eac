import type { DurableWaits, Suspension, WaitOutcome } from '@omnitron/nodes';
import { ExecutionWait } from '../entities/execution-wait.entity';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { resumeTokenOf, tokenHashOf } from '../services/resume-token';

export type AttemptErrors = Array<{ attempt: number; code: string; message: string }>;

/** What a pass of a resumed run starts from: the engine's `waits`, and the failed attempts of nodes parked for a retry. */
export interface LoadedWaits {
  readonly waits: DurableWaits;
  readonly attemptErrors: ReadonlyMap<string, AttemptErrors>;
}

const suspensionOf = (row: ExecutionWait): Suspension => ({ nodeId: row.nodeId, until: row.dueAt.toISOString(), wait: row.wait });

/** How a due wait ends by itself: time and back-off come, a webhook or event wait times out. */
const dueOutcome = (row: ExecutionWait): WaitOutcome => (row.kind === 'time' || row.kind === 'retry' ? { kind: 'due' } : { kind: 'timeout' });

/**
 * Ends a run's waits that are due, then reads what its next pass resumes from: RESOLVED waits end
 * (their node runs again and gets the outcome), WAITING ones stay parked. A call to the resume URL
 * or an event racing a due time wins or loses on the row (`status = WAITING` in each update).
 * Nodes already settled are left out: their row is a record of a wait that is over.
 */
export async function loadWaits(runtime: ExecutionsRuntime, executionId: string, settled: ReadonlySet<string>, minMs: number): Promise<LoadedWaits> {
  const now = new Date();
  const due = await runtime.orm.em.fork().find(ExecutionWait, { executionId, status: 'WAITING', dueAt: { $lte: now } });
  for (const row of due) {
    await runtime.orm.em
      .fork()
      .nativeUpdate(ExecutionWait, { executionId, nodeId: row.nodeId, status: 'WAITING' }, { status: 'RESOLVED', outcome: dueOutcome(row), resolvedAt: now });
  }
  const rows = await runtime.orm.em.fork().find(ExecutionWait, { executionId, status: { $in: ['WAITING', 'RESOLVED'] } });
  const parked: Record<string, Suspension> = {};
  const ended: Record<string, { suspension: Suspension; outcome: WaitOutcome }> = {};
  const attemptErrors = new Map<string, AttemptErrors>();
  for (const row of rows) {
    if (settled.has(row.nodeId)) continue;
    if (row.status === 'RESOLVED' && row.outcome) ended[row.nodeId] = { suspension: suspensionOf(row), outcome: row.outcome };
    else parked[row.nodeId] = suspensionOf(row);
    if (row.attemptErrors) attemptErrors.set(row.nodeId, row.attemptErrors);
  }
  return { waits: { minMs, parked, ended }, attemptErrors };
}

/**
 * Records the parked nodes of a pass that ended SUSPENDED, in one transaction: the waits that
 * ended and were used are DONE, and each node that parked in this pass gets its row (a node
 * parking again, for its next retry, overwrites its own). Returns the earliest time a wait of the
 * run ends by itself.
 */
export async function recordSuspensions(
  runtime: ExecutionsRuntime,
  execution: Pick<Execution, 'id' | 'workspaceId'>,
  suspensions: readonly Suspension[],
  loaded: DurableWaits,
  attemptErrors: (nodeId: string) => AttemptErrors | undefined,
): Promise<Date> {
  const fresh = suspensions.filter((s) => loaded.parked[s.nodeId] === undefined);
  const used = Object.keys(loaded.ended);
  await runtime.orm.em.fork().transactional(async (tx) => {
    if (used.length > 0) await tx.nativeUpdate(ExecutionWait, { executionId: execution.id, nodeId: { $in: used }, status: 'RESOLVED' }, { status: 'DONE' });
    for (const suspension of fresh) await tx.upsert(ExecutionWait, rowOf(runtime, execution, suspension, attemptErrors(suspension.nodeId)));
  });
  return new Date(Math.min(...suspensions.map((s) => Date.parse(s.until))));
}

function rowOf(runtime: ExecutionsRuntime, execution: Pick<Execution, 'id' | 'workspaceId'>, suspension: Suspension, errors: AttemptErrors | undefined) {
  const { wait } = suspension;
  return {
    executionId: execution.id,
    nodeId: suspension.nodeId,
    workspaceId: execution.workspaceId,
    kind: wait.kind,
    status: 'WAITING' as const,
    dueAt: new Date(suspension.until),
    wait,
    tokenHash: wait.kind === 'webhook' || wait.kind === 'approval' ? tokenHashOf(resumeTokenOf(runtime.signingKey, execution.id, suspension.nodeId)) : null,
    eventName: wait.kind === 'event' ? wait.event : null,
    attemptErrors: wait.kind === 'retry' && errors && errors.length > 0 ? errors : null,
    outcome: null,
    createdAt: new Date(),
    resolvedAt: null,
  };
}

/**
 * Whether a wait among `nodeIds` of a parked run already ended, or ends within `soonMs`: the run
 * goes on rather than stays parked. Returns the time to sleep first (0 when it ended), or null.
 */
export async function endsSoon(runtime: ExecutionsRuntime, executionId: string, nodeIds: readonly string[], soonMs: number): Promise<number | null> {
  const rows = await runtime.orm.em
    .fork()
    .find(ExecutionWait, { executionId, nodeId: { $in: [...nodeIds] }, status: { $in: ['WAITING', 'RESOLVED'] } }, { fields: ['status', 'dueAt'] });
  const now = Date.now();
  let soonest: number | null = null;
  for (const row of rows) {
    const wait = row.status === 'RESOLVED' ? 0 : row.dueAt.getTime() - now;
    if (wait < soonMs) soonest = Math.max(0, Math.min(soonest ?? wait, wait));
  }
  return soonest;
}
