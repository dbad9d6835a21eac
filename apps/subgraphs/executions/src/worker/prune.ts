import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { deleteRuns } from '../services/delete-runs';

const BATCH = 500;

/** Deletes executions finished before the retention, with their node runs, logs, waits and streams. */
export async function pruneExecutions(runtime: ExecutionsRuntime): Promise<number> {
  const cutoff = new Date(Date.now() - runtime.settings.RETENTION_MS);
  let pruned = 0;
  for (;;) {
    const em = runtime.orm.em.fork();
    const old = await em.find(Execution, { finishedAt: { $lt: cutoff } }, { fields: ['id'], limit: BATCH });
    if (old.length === 0) return pruned;
    const ids = old.map((e) => e.id);
    await deleteRuns(runtime, ids);
    pruned += ids.length;
  }
}
