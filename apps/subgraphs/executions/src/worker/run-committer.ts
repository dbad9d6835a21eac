import type { EntityManager } from '@mikro-orm/core';
import type { ExecutionsRuntime } from '../runtime';
import { writeFinalRow, type FinalRow } from '../services/settle-execution';
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

interface Pending {
  readonly write: RunWrite;
  resolve(settled: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit of the runs one worker process holds. A write is sent at once when nothing is
 * being written; writes that come while a commit is in flight wait for it and then go out
 * together, in one transaction (one commit, one WAL flush for all of them). Each caller's promise
 * resolves once the transaction holding its write committed: a node awaiting its commit before
 * its downstream starts waits exactly for the batch that holds its row.
 *
 * A batch that fails is written again one run at a time, so one run's bad write (its row already
 * there, a lost connection) fails that run alone.
 */
export class RunCommitter {
  private waiting: Pending[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly runtime: ExecutionsRuntime,
    /** Most runs' writes in one transaction. */
    private readonly batchMax = 64,
  ) {}

  /**
   * Commits `write`; resolves with whether its final row was written (false: the run was settled
   * by someone else first, or `write` has none).
   */
  commit(write: RunWrite): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.batchMax);
        await this.writeBatch(batch);
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async writeBatch(batch: readonly Pending[]): Promise<void> {
    try {
      const settled = await this.write(batch.map((pending) => pending.write));
      batch.forEach((pending, index) => pending.resolve(settled[index]!));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    for (const pending of batch) {
      try {
        const [settled] = await this.write([pending.write]);
        pending.resolve(settled!);
      } catch (error) {
        pending.reject(error);
      }
    }
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
