import type { EntityManager } from '@mikro-orm/core';
import { isPostgres, MAX_STATEMENT_PARAMETERS, rowsStatement, runStatement } from '@omnitron/server-kit';
import { NodeRun } from '../entities/node-run.entity';
import type { ExecutionsRuntime } from '../runtime';
import { writeFinalRow, type FinalRow } from '../services/settle-execution';
import { GroupCommit, ItemFailed } from '../services/group-commit';
import { jsonColumn } from '../services/node-run-row';
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
    if (inOneStatement(em, writes)) return writeInOneStatement(em, writes);
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

/** A final row's values in the one statement's UPDATE ... FROM (VALUES ...). */
const FINAL_VALUES = '(?, ?, ?::jsonb, ?::boolean, ?::jsonb, ?::timestamptz, ?::timestamptz, ?::integer)';
const FINAL_PARAMETERS = FINAL_VALUES.split('?').length - 1;

/**
 * Whether `writes` go as one statement: on PostgreSQL (its WITH takes an INSERT; SQLite's does
 * not), when they only insert fresh node runs (no upsert, no whole output kept) and write final
 * rows that tidy nothing, which is every commit of runs that neither resumed nor parked.
 */
function inOneStatement(em: EntityManager, writes: readonly RunWrite[]): boolean {
  if (!isPostgres(em.getPlatform())) return false;
  let rows = 0;
  for (const write of writes) {
    if (write.upsert || (write.final && (write.tidy ?? true))) return false;
    for (const nodeRun of write.nodeRuns) if (nodeRun.whole) return false;
    rows += write.nodeRuns.length;
  }
  // Within one statement's parameters even when the rows go a parameter per value (one per column at most).
  return rows * em.getMetadata().get(NodeRun).props.length + writes.length * FINAL_PARAMETERS <= MAX_STATEMENT_PARAMETERS;
}

/**
 * The node runs and final rows of `writes` in one statement (an INSERT in a WITH, then one UPDATE
 * of every final row): one round trip and no BEGIN/COMMIT, atomic as any statement is. A final
 * row is written as `writeFinalRow` writes it (only on a run not yet settled).
 */
async function writeInOneStatement(em: EntityManager, writes: readonly RunWrite[]): Promise<boolean[]> {
  const insert = rowsStatement(em, NodeRun, writes.flatMap((write) => write.nodeRuns.map((nodeRun) => nodeRun.row)));
  const finals = writes.filter((write) => write.final);
  if (finals.length === 0) {
    if (insert) await runStatement(em, insert);
    return writes.map(() => false);
  }
  const params: unknown[] = insert ? [...insert.parameters] : [];
  for (const { executionId, final } of finals) {
    params.push(executionId, final!.status, jsonColumn(final!.output), final!.outputTruncated, jsonColumn(final!.error), final!.startedAt, final!.finishedAt, final!.durationMs);
  }
  const update = `update "executions" as e set "status" = v.status, "output" = v.output, "output_truncated" = v.output_truncated, "error" = v.error,
     "started_at" = v.started_at, "finished_at" = v.finished_at, "duration_ms" = v.duration_ms
     from (values ${finals.map(() => FINAL_VALUES).join(', ')}) as v(id, status, output, output_truncated, error, started_at, finished_at, duration_ms)
     where e."id" = v.id and e."status" in ('QUEUED', 'RUNNING', 'WAITING') returning e."id"`;
  const written = new Set((await runStatement(em, { sql: insert ? `with "inserted" as (${insert.sql}) ${update}` : update, parameters: params })).map((row) => String(row.id)));
  return writes.map((write) => write.final !== undefined && written.has(write.executionId));
}

async function settle(tx: EntityManager, write: RunWrite): Promise<boolean> {
  if (!write.final) return false;
  return (await writeFinalRow(tx, write.executionId, write.final, write.tidy ?? true)) > 0;
}
