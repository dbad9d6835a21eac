import type { ExecutionStatus } from '@omnitron/schema';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import { runJobId } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal, settleExecution } from '../services/settle-execution';

/** Why a run that nothing else will finish was failed. */
export const abandonedRunError = {
  /** Our own code failed on every attempt of the run's job, settling the run included. */
  crashed: { code: 'INTERNAL', message: 'The run could not be completed' },
  /** The job stalled more than WORKER_MAX_STALLED times: its workers kept dying. */
  stalled: { code: 'INTERNAL', message: 'The run was interrupted too many times' },
  /** The job completed, or is gone, while the run was unfinished. */
  lost: { code: 'INTERNAL', message: 'The run was lost: its job ended before the run did' },
  /** A child run (subflow, map) whose parent ended without it. */
  orphaned: { code: 'INTERNAL', message: 'The run was lost: its parent run ended before it did' },
} as const satisfies Record<string, ExecutionErrorValue>;

/** BullMQ's reason for failing a job whose lock expired more than `maxStalledCount` times. */
export const isStalledFailure = (failedReason: string | undefined): boolean => /stalled more than allowable limit/i.test(failedReason ?? '');

const UNFINISHED: ExecutionStatus[] = ['QUEUED', 'RUNNING'];
const PAGE = 500;
/** A child run may still be settling this long after its parent ended (a cancel on its way to it). */
const CHILD_GRACE_MS = 30_000;

type UnfinishedRun = Pick<Execution, 'id' | 'status' | 'parentExecutionId'>;

/**
 * Fails the runs that nothing will finish any more, the way Temporal's timeouts fail a workflow
 * whose workers are gone. A run is settled by the worker holding its job; when even that fails on
 * the job's last attempt (the database away, the final row refused), or BullMQ fails a job that
 * stalled too often and settling it then fails, the job has ended and the row would stay RUNNING
 * for ever. So every unfinished top-level run is checked against its job: failed, completed or
 * gone (a RUNNING run; a QUEUED one without its job is queued again by `recoverOrphanedRuns`)
 * means abandoned. A child run has no job of its own: it is abandoned once its parent ended
 * (CHILD_GRACE_MS ago) without it. Each settles FAILED through `settleExecution`, so the final
 * row, its one terminal event and freeing its resume outputs happen as for any other end, and a
 * run settled meanwhile by its worker is left as it is. Returns how many runs it failed.
 */
export async function settleAbandonedRuns(runtime: ExecutionsRuntime): Promise<number> {
  let failed = 0;
  let after: string | undefined;
  for (;;) {
    const page: UnfinishedRun[] = await runtime.orm.em
      .fork()
      .find(
        Execution,
        { status: { $in: UNFINISHED }, ...(after === undefined ? {} : { id: { $gt: after } }) },
        { fields: ['id', 'status', 'parentExecutionId'], orderBy: { id: 'asc' }, limit: PAGE },
      );
    if (page.length === 0) return failed;
    for (const [executionId, error] of await abandonedAmong(runtime, page)) {
      if (await settleExecution(runtime, executionId, { status: 'FAILED', error })) failed++;
    }
    after = page.at(-1)!.id;
  }
}

/** The runs of `page` that are abandoned, with why. */
async function abandonedAmong(runtime: ExecutionsRuntime, page: readonly UnfinishedRun[]): Promise<Map<string, ExecutionErrorValue>> {
  const topLevel = page.filter((run) => run.parentExecutionId === null);
  const children = page.filter((run) => run.parentExecutionId !== null);
  const [jobErrors, endedParents] = await Promise.all([Promise.all(topLevel.map((run) => errorFromJob(runtime, run))), parentsEnded(runtime, children)]);
  const abandoned = new Map<string, ExecutionErrorValue>();
  topLevel.forEach((run, i) => {
    const error = jobErrors[i];
    if (error) abandoned.set(run.id, error);
  });
  for (const child of children) if (endedParents.has(child.parentExecutionId!)) abandoned.set(child.id, abandonedRunError.orphaned);
  return abandoned;
}

/** Why a top-level run is abandoned, judging by its job; null while the job may still run it. */
async function errorFromJob(runtime: ExecutionsRuntime, run: UnfinishedRun): Promise<ExecutionErrorValue | null> {
  const jobId = runJobId(run.id);
  switch (await runtime.queue.getJobState(jobId)) {
    case 'failed':
      return isStalledFailure((await runtime.queue.getJob(jobId))?.failedReason) ? abandonedRunError.stalled : abandonedRunError.crashed;
    case 'completed':
      return abandonedRunError.lost;
    case 'unknown':
      return run.status === 'RUNNING' ? abandonedRunError.lost : null;
    default:
      return null;
  }
}

/** The parent ids among `children` whose parent ended over CHILD_GRACE_MS ago, or no longer exists. */
async function parentsEnded(runtime: ExecutionsRuntime, children: readonly UnfinishedRun[]): Promise<Set<string>> {
  const ids = [...new Set(children.map((child) => child.parentExecutionId!))];
  if (ids.length === 0) return new Set();
  const parents = await runtime.orm.em.fork().find(Execution, { id: { $in: ids } }, { fields: ['id', 'status', 'finishedAt'] });
  const cutoff = Date.now() - CHILD_GRACE_MS;
  const going = new Set(parents.filter((p) => !isTerminal(p.status) || (p.finishedAt?.getTime() ?? 0) > cutoff).map((p) => p.id));
  return new Set(ids.filter((id) => !going.has(id)));
}
