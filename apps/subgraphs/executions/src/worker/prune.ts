import { Execution } from '../entities/execution.entity';
import { ExecutionLog } from '../entities/execution-log.entity';
import { ExecutionWait } from '../entities/execution-wait.entity';
import { NodeRun } from '../entities/node-run.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import type { ExecutionsRuntime } from '../runtime';

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
    await em.transactional(async (tx) => {
      await tx.nativeDelete(NodeRun, { executionId: { $in: ids } });
      await tx.nativeDelete(ResumeOutput, { executionId: { $in: ids } });
      await tx.nativeDelete(ExecutionLog, { executionId: { $in: ids } });
      await tx.nativeDelete(ExecutionWait, { executionId: { $in: ids } });
      await tx.nativeDelete(Execution, { id: { $in: ids } });
    });
    for (const id of ids) await runtime.events.remove(id);
    pruned += ids.length;
  }
}
