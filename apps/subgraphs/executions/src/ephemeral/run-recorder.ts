import type { RequiredEntityData } from '@mikro-orm/core';
import { insertTogether } from '@omnitron/server-kit';
import type { ExecutionRow } from './run-rows';
import { Execution } from '../entities/execution.entity';
import { NodeRun } from '../entities/node-run.entity';
import type { ExecutionsRuntime } from '../runtime';
import { startErrorFlow } from '../services/error-flow';
import { GroupCommit } from '../services/group-commit';

/** The rows of one finished ephemeral run, as they are written. */
export interface RecordedRun {
  readonly execution: ExecutionRow;
  readonly nodeRuns: ReadonlyArray<RequiredEntityData<NodeRun>>;
}

/** Attempts at writing one batch before its runs are given up (logged with their ids). */
const WRITE_ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;

/**
 * Writes finished ephemeral runs (their execution row and every node run) after the caller has
 * its answer, through a GroupCommit: each write takes all waiting runs, up to
 * EPHEMERAL_RECORD_BATCH, in one transaction, so under load many runs share a commit and an idle
 * recorder writes a run at once. At most EPHEMERAL_RECORD_QUEUE_MAX runs wait: past that `accepts`
 * is false and the webhook route runs the call durably instead, so memory stays bounded when the
 * database falls behind. `close` writes what is left. A process that dies loses the runs still
 * waiting; their callers had their answers (which were what the flow computed). A batch that
 * fails is tried again, then given up with an error naming its runs.
 */
export class RunRecorder {
  private readonly queue: GroupCommit<RecordedRun, void>;
  private closed = false;

  constructor(private readonly runtime: ExecutionsRuntime) {
    this.queue = new GroupCommit((runs) => this.writeBatch(runs), () => runtime.settings.EPHEMERAL_RECORD_BATCH);
  }

  /** Whether another run may be queued now. */
  accepts(): boolean {
    return !this.closed && this.queue.backlog < this.runtime.settings.EPHEMERAL_RECORD_QUEUE_MAX;
  }

  /** Runs queued and not yet written. */
  get backlog(): number {
    return this.queue.backlog;
  }

  /** Queues a finished run; it is written with the next batch (writeBatch never throws). */
  record(run: RecordedRun): void {
    void this.queue.push(run);
  }

  /** Resolves once every run queued so far is written (or given up). */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Stops taking runs and writes the ones waiting. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /**
   * One batch's rows, all or none: on PostgreSQL one statement written as SQL with its values as
   * parameters (`insertTogether`), atomic without a transaction's three more round trips, no query
   * builder walking the rows, and a flow version's graph (the same object for every run of a
   * registration) serialised once.
   */
  private write(batch: readonly RecordedRun[]): Promise<void> {
    return insertTogether(this.runtime.orm.em.fork(), [
      { entity: Execution, rows: batch.map((run) => run.execution), options: { shared: ['graph'] } },
      { entity: NodeRun, rows: batch.flatMap((run) => run.nodeRuns) },
    ]);
  }

  private async writeBatch(batch: readonly RecordedRun[]): Promise<void[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(batch);
        break;
      } catch (error) {
        if (attempt >= WRITE_ATTEMPTS) {
          this.runtime.log.error({ err: error, executionIds: batch.map((run) => run.execution.id) }, 'recording ephemeral runs failed; they are lost');
          return batch.map(() => undefined);
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
    // As a durable run's settler does, once the failed run is stored (startErrorFlow never throws).
    for (const run of batch) {
      if (run.execution.status === 'FAILED' && run.execution.errorFlowId) await startErrorFlow(this.runtime, run.execution.id);
    }
    return batch.map(() => undefined);
  }
}
