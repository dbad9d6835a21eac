import { effectsOf, type FlowGraph, type NodeRunRecord } from '@omnitron/nodes';
import type { ExecutionsRuntime } from '../runtime';
import { finalRowOf, type FinalRow, type Settlement } from '../services/settle-execution';
import { nodeRunWrite, type AttemptErrorList, type NodeRunWrite } from './node-run-store';
import type { RunCommitter } from './run-committer';

/**
 * When one run's settled nodes are committed. A node with effects outside the run (HTTP, AI, code,
 * database, subflow, map, a wait: `effects` other than `none`) is committed before anything
 * downstream of it starts, together with every node settled before it and not committed yet. A
 * pure node (`effects: 'none'`: triggers, transform, condition, switch, merge, output, respond)
 * and a skipped node (nothing ran) wait for the next such commit, or for the run's final write:
 * should the worker die first, the resumed run runs them again, which changes nothing outside it.
 * Every node run is written by the time the run's final row is, in the same transaction.
 *
 * Commits go through the process's RunCommitter, so concurrent runs share transactions.
 */
export class RunCheckpoints {
  private pending: Array<{ record: NodeRunRecord; attemptErrors: AttemptErrorList | undefined }> = [];
  private readonly types: Map<string, string>;
  /** Upsert rather than insert: set for a resumed pass (the node in flight may have left a row). */
  upsert = false;
  /**
   * The run may have rows its final write must tidy (whole outputs kept for resuming, waits): it
   * was resumed, seeded, kept a whole output or parked. A fresh run that did none has neither.
   */
  tidy = false;

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly committer: RunCommitter,
    private readonly executionId: string,
    graph: FlowGraph,
  ) {
    this.types = new Map(graph.nodes.map((node) => [node.id, node.type]));
  }

  /** Whether `record` may wait for the next commit: it ran nothing with effects. */
  private deferrable(record: NodeRunRecord): boolean {
    return record.status === 'SKIPPED' || effectsOf(this.types.get(record.nodeId) ?? '') === 'none';
  }

  /**
   * A node settled: a pure one is kept for the next commit; one with effects is committed now
   * (with those kept), after `beforeCommit` (the run's events flushed: a node's event is in the
   * stream before its commit).
   */
  async settled(record: NodeRunRecord, attemptErrors: AttemptErrorList | undefined, beforeCommit: () => Promise<void>): Promise<void> {
    this.pending.push({ record, attemptErrors });
    if (this.deferrable(record)) return;
    await beforeCommit();
    await this.commitPending();
  }

  /** Commits what is kept (before the run parks: the next pass may run in another process). */
  async commitPending(): Promise<void> {
    const writes = this.takePending();
    if (writes.length === 0) return;
    if (writes.some((write) => write.whole)) this.tidy = true;
    await this.committer.commit({ executionId: this.executionId, nodeRuns: writes, upsert: this.upsert });
  }

  /**
   * The run's final write: the node runs kept, then its final row, in one transaction. Returns the
   * row written (null when the run was settled by someone else first: the node runs are written all the same).
   */
  async settle(settlement: Settlement): Promise<FinalRow | null> {
    const final = finalRowOf(this.runtime, settlement);
    // Whole outputs are kept here too: should the final row fail to be written after the node
    // runs were (a single run's write is not one transaction), the run resumes from them. Then
    // this write tidies them (one transaction).
    const writes = this.takePending();
    const tidy = this.tidy || writes.some((write) => write.whole);
    const written = await this.committer.commit({ executionId: this.executionId, nodeRuns: writes, upsert: this.upsert, final, tidy });
    return written ? final : null;
  }

  private takePending(): NodeRunWrite[] {
    const pending = this.pending;
    this.pending = [];
    return pending.map(({ record, attemptErrors }) => nodeRunWrite(this.runtime, this.executionId, record, attemptErrors));
  }
}
