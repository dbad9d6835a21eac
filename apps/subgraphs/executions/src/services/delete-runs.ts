import { Execution } from '../entities/execution.entity';
import { ExecutionLog } from '../entities/execution-log.entity';
import { ExecutionWait } from '../entities/execution-wait.entity';
import { NodeRun } from '../entities/node-run.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import type { ExecutionsRuntime } from '../runtime';

/**
 * Deletes runs with everything recorded for them: node runs, resume outputs, logs, waits, the rows
 * themselves in one transaction, then their event streams. The one way runs go, for deleteExecution
 * and for the retention prune alike.
 */
export async function deleteRuns(runtime: ExecutionsRuntime, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await runtime.orm.em.fork().transactional(async (tx) => {
    await tx.nativeDelete(NodeRun, { executionId: { $in: list } });
    await tx.nativeDelete(ResumeOutput, { executionId: { $in: list } });
    await tx.nativeDelete(ExecutionLog, { executionId: { $in: list } });
    await tx.nativeDelete(ExecutionWait, { executionId: { $in: list } });
    await tx.nativeDelete(Execution, { id: { $in: list } });
  });
  for (const id of list) await runtime.events.remove(id);
}
