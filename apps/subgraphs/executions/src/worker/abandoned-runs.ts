import type { ExecutionStatus } from '@omnitron/schema';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import { runJobId } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal, settleExecution } from '../services/settle-execution';
import { enqueueRun } from '../services/start-execution';
import { isHeldAt } from './run-heartbeat';

/** Why a run that nothing else will finish was failed. */
export const abandonedRunError = {
  /** Our own code failed on every attempt of the run's job, settling the run included. */
  crashed: { code: 'INTERNAL', message: 'The run could not be completed' },
  /** The job stalled more than WORKER_MAX_STALLED times: its workers kept dying. */
  stalled: { code: 'INTERNAL', message: 'The run was interrupted too many times' },
  /** The job completed while the run was unfinished. */
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

type UnfinishedRun = Pick<Execution, 'id' | 'status' | 'parentExecutionId' | 'heartbeatAt'>;

/** What the sweep does with an unfinished run: fail it (with why), queue it again, or leave it (null). */
type Verdict = { readonly fail: ExecutionErrorValue } | 'requeue' | null;

export interface SweepResult {
  /** Runs failed: nothing will finish them. */
  readonly failed: number;
  /** RUNNING runs whose job was gone and that nothing ran any more, queued again to resume. */
  readonly resumed: number;
}

/**
 * Settles the runs that nothing will finish any more, the way Temporal's timeouts fail a workflow
 * whose workers are gone, and resumes the ones whose job Redis lost. A run is settled by the
 * worker holding its job; when even that fails on the job's last attempt (the database away, the
 * final row refused), or BullMQ fails a job that stalled too often and settling it then fails, the
 * job has ended and the row would stay RUNNING for ever. So every unfinished top-level run is
 * checked against its job: failed or completed means abandoned. A RUNNING run whose job is gone
 * (Redis restarted empty, or the job was removed) is left to the process still running it while
 * its heartbeat is fresh (`run-heartbeat.ts`), and queued again once it is stale, to resume from
 * its committed nodes like a run whose worker died. (A QUEUED one without its job is queued again
 * by `recoverOrphanedRuns`.) A child run has no job of its own: it is abandoned once its parent
 * ended (CHILD_GRACE_MS ago) without it. Each abandoned run settles FAILED through
 * `settleExecution`, so the final row, its one terminal event and freeing its resume outputs
 * happen as for any other end, and a run settled meanwhile by its worker is left as it is.
 */
export async function settleAbandonedRuns(runtime: ExecutionsRuntime): Promise<SweepResult> {
  let failed = 0;
  let resumed = 0;
  let after: string | undefined;
  for (;;) {
    const page: UnfinishedRun[] = await runtime.orm.em
      .fork()
      .find(
        Execution,
        { status: { $in: UNFINISHED }, ...(after === undefined ? {} : { id: { $gt: after } }) },
        { fields: ['id', 'status', 'parentExecutionId', 'heartbeatAt'], orderBy: { id: 'asc' }, limit: PAGE },
      );
    if (page.length === 0) return { failed, resumed };
    for (const [executionId, verdict] of await verdictsOn(runtime, page)) {
      if (verdict === 'requeue') {
        await enqueueRun(runtime, executionId);
        resumed++;
      } else if (await settleExecution(runtime, executionId, { status: 'FAILED', error: verdict.fail })) {
        failed++;
      }
    }
    after = page.at(-1)!.id;
  }
}

/** The runs of `page` to fail or queue again, with which. */
async function verdictsOn(runtime: ExecutionsRuntime, page: readonly UnfinishedRun[]): Promise<Map<string, NonNullable<Verdict>>> {
  const topLevel = page.filter((run) => run.parentExecutionId === null);
  const children = page.filter((run) => run.parentExecutionId !== null);
  const now = Date.now();
  const [jobVerdicts, endedParents] = await Promise.all([Promise.all(topLevel.map((run) => verdictFromJob(runtime, run, now))), parentsEnded(runtime, children)]);
  const verdicts = new Map<string, NonNullable<Verdict>>();
  topLevel.forEach((run, i) => {
    const verdict = jobVerdicts[i];
    if (verdict) verdicts.set(run.id, verdict);
  });
  for (const child of children) if (endedParents.has(child.parentExecutionId!)) verdicts.set(child.id, { fail: abandonedRunError.orphaned });
  return verdicts;
}

/** What to do with a top-level run, judging by its job (and its heartbeat when the job is gone). */
async function verdictFromJob(runtime: ExecutionsRuntime, run: UnfinishedRun, now: number): Promise<Verdict> {
  const jobId = runJobId(run.id);
  switch (await runtime.queue.getJobState(jobId)) {
    case 'failed':
      return { fail: isStalledFailure((await runtime.queue.getJob(jobId))?.failedReason) ? abandonedRunError.stalled : abandonedRunError.crashed };
    case 'completed':
      // A run resumed from WAITING runs under a `wake` job, its run job completed when it parked.
      return run.status === 'RUNNING' && isHeldAt(run.heartbeatAt, now) ? null : { fail: abandonedRunError.lost };
    case 'unknown':
      return run.status === 'RUNNING' && !isHeldAt(run.heartbeatAt, now) ? 'requeue' : null;
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
