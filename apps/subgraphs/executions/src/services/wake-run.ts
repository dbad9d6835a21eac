import { Execution } from '../entities/execution.entity';
import { JobName, RUN_JOB_ATTEMPTS, wakeJobId } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';

/**
 * Queues the wake-up of a WAITING run at `at` (now when absent): a `wake` job, which claims the
 * run (WAITING -> RUNNING) and resumes it on whichever worker takes it. The job's id names the run
 * and the time, so queuing the same wake-up twice (the upkeep's sweep after the worker that
 * parked the run) adds one job. Only the fast trigger: the run's `ExecutionWait` rows decide.
 */
export async function queueWake(runtime: ExecutionsRuntime, executionId: string, at?: Date): Promise<boolean> {
  const when = at?.getTime() ?? Date.now();
  const jobId = wakeJobId(executionId, at === undefined ? `now-${when}` : String(when));
  if (await runtime.queue.getJob(jobId)) return false;
  await runtime.queue.add(
    JobName.wake,
    { executionId },
    { jobId, delay: Math.max(0, when - Date.now()), attempts: RUN_JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: true },
  );
  return true;
}

/** WAITING -> RUNNING for the one party that resumes the run; false when it was not WAITING (someone else took it, or it ended). */
export async function claimWaitingRun(runtime: ExecutionsRuntime, executionId: string): Promise<boolean> {
  const now = new Date();
  return (await runtime.orm.em.fork().nativeUpdate(Execution, { id: executionId, status: 'WAITING' }, { status: 'RUNNING', heartbeatAt: now })) > 0;
}
