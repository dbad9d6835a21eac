import { Execution } from '../entities/execution.entity';
import { runJobId } from '../queue/run-queue';
import { runtimeKeys } from '../redis-keys';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal, settleExecution } from './settle-execution';

const CANCEL_FLAG_SECONDS = 86_400;
const cancelledError = { code: 'CANCELLED', message: 'Cancelled on request' };

/**
 * Cancels a run. A queued run whose job can still be removed settles here; a running one is
 * reached through pub/sub by the worker holding it (and through the flag by any worker that
 * picks it up later). Children of the run are cancelled with it.
 */
export async function requestCancel(runtime: ExecutionsRuntime, execution: Execution): Promise<void> {
  if (isTerminal(execution.status)) return;
  const prefix = runtime.config.REDIS_PREFIX;
  await runtime.redis.set(runtimeKeys.cancelFlag(prefix, execution.id), '1', 'EX', CANCEL_FLAG_SECONDS);
  // Published even for a queued run: a worker may have taken the job since we read the row.
  await runtime.redis.publish(runtimeKeys.cancelChannel(prefix), execution.id);
  // A WAITING run holds no worker: it settles here, unless a wake-up took it back meanwhile (then the flag stops it). Read
  // again after the flag: a run read RUNNING may have parked since (its worker checks the flag once parked, so one of the two settles it).
  if ((await parkedNow(runtime, execution)) && (await settleExecution(runtime, execution.id, { status: 'CANCELLED', error: cancelledError }))) return;
  if (execution.status === 'QUEUED' && (await removeQueuedJob(runtime, execution.id))) {
    await settleExecution(runtime, execution.id, { status: 'CANCELLED', error: cancelledError });
    return;
  }
  const children = await runtime.orm.em
    .fork()
    .find(Execution, { parentExecutionId: execution.id, status: { $in: ['QUEUED', 'RUNNING', 'WAITING'] } });
  for (const child of children) await requestCancel(runtime, child);
}

async function parkedNow(runtime: ExecutionsRuntime, execution: Execution): Promise<boolean> {
  if (execution.status === 'WAITING') return true;
  if (execution.status !== 'RUNNING') return false;
  return (await runtime.orm.em.fork().findOne(Execution, { id: execution.id }, { fields: ['status'] }))?.status === 'WAITING';
}

/** True when the job was still waiting (or delayed) and is now gone; false when a worker holds it. */
async function removeQueuedJob(runtime: ExecutionsRuntime, executionId: string): Promise<boolean> {
  const job = await runtime.queue.getJob(runJobId(executionId));
  if (!job) return true;
  try {
    // remove() refuses a job locked by a worker: that one is running and gets the pub/sub message.
    await job.remove();
    return true;
  } catch {
    return false;
  }
}
