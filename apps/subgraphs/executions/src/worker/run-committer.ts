import type { EntityManager } from '@mikro-orm/core';
import type { ExecutionsRuntime } from '../runtime';
import { writeFinalRow, type FinalRow } from '../services/settle-execution';
import { GroupCommit, ItemFailed } from '../services/group-commit';
import { writeNodeRuns, type NodeRunWrite } from './node-run-store';

/** One run's share of a commit: node runs to record and, when the run ends with it, its final row. */
export interface RunWrite {
  readonly executionId: string;
  readonly nodeRuns: readonly NodeRunWrite[];
  /** Upsert the node runs (a resumed run: the node in flight may have left a row) rather than insert. */
  readonly upsert: boolean;
  /** The run's final row, written after its node runs in the same transaction. */
  readonly final?: FinalRow;
  /** With `final`: also drop the run's kept whole outputs and end its waits (see `writeFinalRow`). */
  readonly tidy?: boolean;
}

/**
 * Group commit of the runs one worker process holds (see GroupCommit): concurrent runs' writes
 * share a transaction. Each caller's promise resolves once the transaction holding its write
 * committed: a node awaiting its commit before its downstream starts waits exactly for the batch
 * that holds its row.
 *
 * A batch that fails is written again one run at a time, so one run's bad write (its row already
 * there, a lost connection) fails that run alone.
 */
export class RunCommitter {
  private readonly queue: GroupCommit<RunWrite, boolean>;

  constructor(
    private readonly runtime: ExecutionsRuntime,
    /** Most runs' writes in one transaction. */
    batchMax = 64,
  ) {
    this.queue = new GroupCommit((writes) => this.writeBatch(writes), () => batchMax);
  }

  /**
   * Commits `write`; resolves with whether its final row was written (false: the run was settled
   * by someone else first, or `write` has none).
   */
  commit(write: RunWrite): Promise<boolean> {
    return this.queue.push(write);
  }

  /** Each write's own result, or its own failure when the batch had to be split. */
  private async writeBatch(writes: readonly RunWrite[]): Promise<Array<boolean | ItemFailed>> {
    try {
      return await this.write(writes);
    } catch (error) {
      if (writes.length === 1) throw error;
    }
    const results: Array<boolean | ItemFailed> = [];
    for (const write of writes) {
      try {
        results.push((await this.write([write]))[0]!);
      } catch (error) {
        results.push(new ItemFailed(error));
      }
    }
    return results;
  }

  /**
   * One transaction for all of `writes`; whether each final row was written. A single run's node
   * runs and final row need none: written in that order, a reader that sees the final row sees
   * them, and a crash in between leaves them committed on a run still RUNNING, which resumes.
   */
  private async write(writes: readonly RunWrite[]): Promise<boolean[]> {
    const em = this.runtime.orm.em.fork();
    const only = writes.length === 1 ? writes[0]! : undefined;
    if (only && !(only.final && (only.tidy ?? true)) && !only.nodeRuns.some((nodeRun) => nodeRun.whole)) {
      await writeNodeRuns(em, only.nodeRuns, only.upsert);
      return [await settle(em, only)];
    }
    return em.transactional(async (tx) => {
      await writeNodeRuns(tx, writes.filter((w) => !w.upsert).flatMap((w) => w.nodeRuns), false);
      await writeNodeRuns(tx, writes.filter((w) => w.upsert).flatMap((w) => w.nodeRuns), true);
      const settled: boolean[] = [];
      for (const w of writes) settled.push(await settle(tx, w));
      return settled;
    });
  }
}

async function settle(tx: EntityManager, write: RunWrite): Promise<boolean> {
  if (!write.final) return false;
  return (await writeFinalRow(tx, write.executionId, write.final, write.tidy ?? true)) > 0;
}
