import { Execution } from '../entities/execution.entity';
import { ExecutionWait } from '../entities/execution-wait.entity';
import type { ExecutionsRuntime } from '../runtime';
import { queueWake } from '../services/wake-run';

const PAGE = 500;

/**
 * Queues again the wake-ups of WAITING runs whose wait ended, or ends within `horizonMs`, should
 * their `wake` job be gone (Redis restarted empty or was emptied, or every worker was down when
 * the run was resumed through its resume URL). The database is the record of what is due; the
 * job ids are the ones the worker that parked the run used, so a job still in Redis is not queued
 * twice. Returns how many were queued.
 */
export async function wakeDueRuns(runtime: ExecutionsRuntime, horizonMs: number): Promise<number> {
  const em = runtime.orm.em.fork();
  const rows = await em.find(
    ExecutionWait,
    { $or: [{ status: 'WAITING', dueAt: { $lte: new Date(Date.now() + horizonMs) } }, { status: 'RESOLVED' }] },
    { fields: ['executionId', 'status', 'dueAt', 'resolvedAt'], orderBy: { dueAt: 'asc' }, limit: PAGE },
  );
  if (rows.length === 0) return 0;
  const waiting = await em.find(Execution, { id: { $in: [...new Set(rows.map((row) => row.executionId))] }, status: 'WAITING' }, { fields: ['id'] });
  const ids = new Set(waiting.map((run) => run.id));
  const when = new Map<string, Date | undefined>();
  for (const row of rows) {
    if (!ids.has(row.executionId)) continue;
    const at = row.status === 'RESOLVED' ? undefined : row.dueAt;
    // A run goes at its earliest wait: one that already ended wakes it now.
    if (!when.has(row.executionId) || at === undefined) when.set(row.executionId, at);
  }
  let queued = 0;
  for (const [executionId, at] of when) if (await queueWake(runtime, executionId, at)) queued++;
  return queued;
}
