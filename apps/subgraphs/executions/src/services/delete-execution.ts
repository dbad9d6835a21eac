import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { deleteRuns } from './delete-runs';
import { executionNotFound } from './execution-errors';
import { isTerminal } from './settle-execution';

/** The run and every run below it (subflow and map children, theirs in turn). */
async function runTree(runtime: ExecutionsRuntime, rootId: string): Promise<string[]> {
  const em = runtime.orm.em.fork();
  const ids = [rootId];
  for (let level = [rootId]; level.length > 0; ) {
    const children = await em.find(Execution, { parentExecutionId: { $in: level } }, { fields: ['id'] });
    level = children.map((child) => child.id);
    ids.push(...level);
  }
  return ids;
}

/**
 * Deletes a finished top-level run of the workspace with its child runs, node runs, logs, waits and
 * event stream: the records the retention prune (worker/prune.ts) deletes for old runs. A run still
 * going is refused (CONFLICT): the worker holding it would write it again; cancel it first. Another
 * workspace's run, or a child run (deleted with its parent), is NOT_FOUND.
 */
export async function deleteExecution(runtime: ExecutionsRuntime, workspaceId: string, id: string): Promise<void> {
  const em = runtime.orm.em.fork();
  const execution = await em.findOne(Execution, { id, workspaceId, parentExecutionId: null }, { fields: ['id', 'status'] });
  if (!execution) throw executionNotFound();
  if (!isTerminal(execution.status)) {
    throw new OmnitronError(ErrorCode.CONFLICT, `This run is ${execution.status.toLowerCase()}: cancel it before deleting it`, { status: execution.status });
  }
  await deleteRuns(runtime, await runTree(runtime, id));
}
