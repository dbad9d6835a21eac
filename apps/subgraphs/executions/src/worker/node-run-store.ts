import type { EntityManager } from '@mikro-orm/core';
import type { NodeRunRecord } from '@omnitron/nodes';
import { insertRowsDirect } from '@omnitron/server-kit';
import { NodeRun } from '../entities/node-run.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import type { ExecutionsRuntime } from '../runtime';
import { nodeRunRowOf, type AttemptErrorList, type NodeRunRow } from '../services/node-run-row';
import type { TruncatedValue } from '../services/truncate';

export type { AttemptErrorList, NodeRunRow } from '../services/node-run-row';

const RESUMABLE = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

/** The row of a settled node, and its whole output when that is stored truncated but kept for resuming. */
export interface NodeRunWrite {
  readonly row: NodeRunRow;
  /** The whole output (`ResumeOutput`), when it was cut to NODE_OUTPUT_MAX_BYTES and is within NODE_OUTPUT_RESUME_MAX_BYTES. */
  readonly whole?: { executionId: string; nodeId: string; output: unknown };
}

/** What committing a settled node writes. */
export function nodeRunWrite(runtime: ExecutionsRuntime, executionId: string, record: NodeRunRecord, attemptErrors: AttemptErrorList = []): NodeRunWrite {
  const row = nodeRunRowOf(executionId, record, attemptErrors, runtime.settings.NODE_OUTPUT_MAX_BYTES);
  const whole = row.outputTruncated && (row.output as TruncatedValue).bytes <= runtime.settings.NODE_OUTPUT_RESUME_MAX_BYTES;
  return whole ? { row, whole: { executionId, nodeId: record.nodeId, output: record.output ?? null } } : { row };
}

/**
 * Writes settled nodes' rows (and whole outputs) with `em`. A fresh run inserts (no row can exist
 * yet); a resumed one upserts, since the node that was in flight may have left a row.
 */
export async function writeNodeRuns(em: EntityManager, writes: readonly NodeRunWrite[], upsert: boolean): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((write) => write.row);
  if (upsert) await em.upsertMany(NodeRun, rows);
  // Written as SQL, no query builder: a fresh run's every commit comes here.
  else await insertRowsDirect(em, NodeRun, rows);
  const whole = writes.flatMap((write) => (write.whole ? [write.whole] : []));
  if (whole.length > 0) await em.upsertMany(ResumeOutput, whole);
}

/**
 * Commits a settled node on its own (the seeding of test and retry runs, a crashed run's last
 * node). An output stored truncated is also kept whole (`ResumeOutput`, same transaction) when it
 * is within NODE_OUTPUT_RESUME_MAX_BYTES; `settleExecution` drops those rows when the run ends,
 * however it ends.
 */
export async function commitNodeRun(
  runtime: ExecutionsRuntime,
  executionId: string,
  record: NodeRunRecord,
  options: { resuming: boolean; attemptErrors?: AttemptErrorList },
): Promise<void> {
  const write = nodeRunWrite(runtime, executionId, record, options.attemptErrors);
  if (!write.whole) {
    await writeNodeRuns(runtime.orm.em.fork(), [write], options.resuming);
    return;
  }
  await runtime.orm.em.fork().transactional((tx) => writeNodeRuns(tx, [write], options.resuming));
}

/** What a resumed run continues from. */
export interface SettledNodes {
  /** The committed nodes a resumed run must not run again, as the engine's `settled`. */
  readonly settled: Record<string, NodeRunRecord>;
  /** Nodes whose output was stored truncated and was too large to keep whole: the run cannot go on. */
  readonly lost: ReadonlyArray<{ nodeId: string; bytes: number }>;
}

/**
 * The committed nodes of a run being resumed. A node whose output was stored truncated gets its
 * whole output back from `ResumeOutput`, never the preview.
 */
export async function loadSettledNodes(runtime: ExecutionsRuntime, executionId: string): Promise<SettledNodes> {
  const em = runtime.orm.em.fork();
  const rows = await em.find(NodeRun, { executionId });
  const truncated = rows.filter((row) => row.outputTruncated && RESUMABLE.has(row.status)).map((row) => row.nodeId);
  const whole = new Map<string, unknown>();
  if (truncated.length > 0) {
    for (const kept of await em.find(ResumeOutput, { executionId, nodeId: { $in: truncated } })) whole.set(kept.nodeId, kept.output);
  }
  const settled: Record<string, NodeRunRecord> = {};
  const lost: Array<{ nodeId: string; bytes: number }> = [];
  for (const row of rows) {
    if (!RESUMABLE.has(row.status)) continue;
    if (row.outputTruncated && !whole.has(row.nodeId)) lost.push({ nodeId: row.nodeId, bytes: (row.output as TruncatedValue | null)?.bytes ?? 0 });
    const output = row.outputTruncated ? whole.get(row.nodeId) : row.output;
    settled[row.nodeId] = {
      nodeId: row.nodeId,
      status: row.status,
      attempts: row.attempts,
      ...(row.input === null ? {} : { input: row.input }),
      ...(output == null ? {} : { output }),
      ...(row.error ? { error: row.error } : {}),
      ...(row.handle ? { handle: row.handle } : {}),
      ...(row.startedAt ? { startedAt: row.startedAt.toISOString() } : {}),
      ...(row.finishedAt ? { finishedAt: row.finishedAt.toISOString() } : {}),
      ...(row.durationMs === null ? {} : { durationMs: row.durationMs }),
    };
  }
  return { settled, lost };
}
