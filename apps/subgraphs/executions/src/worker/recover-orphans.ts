import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { runJobId } from '../queue/run-queue';
import { enqueueRun } from '../services/start-execution';

/** A queued run younger than this may still be on its way into the queue. */
const GRACE_MS = 30_000;
const BATCH = 500;

/**
 * Re-queues top-level runs left QUEUED without a job (the API stopped between inserting the row and
 * queuing it). The job id derives from the execution id, so a run that does have its job is not
 * queued twice.
 */
export async function recoverOrphanedRuns(runtime: ExecutionsRuntime): Promise<number> {
  const stale = await runtime.orm.em
    .fork()
    .find(
      Execution,
      { status: 'QUEUED', parentExecutionId: null, createdAt: { $lt: new Date(Date.now() - GRACE_MS) } },
      { fields: ['id'], limit: BATCH, orderBy: { createdAt: 'asc' } },
    );
  let requeued = 0;
  for (const { id } of stale) {
    if (await runtime.queue.getJob(runJobId(id))) continue;
    await enqueueRun(runtime, id);
    requeued++;
  }
  return requeued;
}
