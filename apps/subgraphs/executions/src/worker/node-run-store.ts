import type { EntityManager } from '@mikro-orm/core';
import type { NodeRunRecord } from '@omnitron/nodes';
import { NodeRun } from '../entities/node-run.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import type { ExecutionsRuntime } from '../runtime';
import { fitError, fitForStorage, type TruncatedValue } from '../services/truncate';

const RESUMABLE = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

/**
 * Commits a settled node. A fresh run inserts (no row can exist yet); a resumed one upserts, since
 * the node that was in flight may have left a row. An output stored truncated is also kept whole
 * (`ResumeOutput`, same transaction) when it is within NODE_OUTPUT_RESUME_MAX_BYTES;
 * `settleExecution` drops those rows when the run ends, however it ends.
 */
export async function commitNodeRun(
  runtime: ExecutionsRuntime,
  executionId: string,
  record: NodeRunRecord,
  options: { resuming: boolean; attemptErrors?: Array<{ attempt: number; code: string; message: string }> },
): Promise<void> {
  const attemptErrors = options.attemptErrors ?? [];
  const max = runtime.settings.NODE_OUTPUT_MAX_BYTES;
  const output = fitForStorage(record.output, max);
  const error = record.error ? fitError(record.error) : null;
  const errors = error ? [...attemptErrors, { attempt: record.attempts, ...error }] : attemptErrors;
  const row = {
    executionId,
    nodeId: record.nodeId,
    status: record.status,
    attempts: record.attempts,
    input: fitForStorage(record.input, max).value,
    output: output.value,
    outputTruncated: output.truncated,
    error,
    attemptErrors: errors.length > 0 ? errors : null,
    handle: record.handle ?? null,
    startedAt: record.startedAt ? new Date(record.startedAt) : null,
    finishedAt: record.finishedAt ? new Date(record.finishedAt) : null,
    durationMs: record.durationMs ?? null,
  };
  const write = (em: EntityManager) => (options.resuming ? em.upsert(NodeRun, row) : em.insert(NodeRun, row));
  const keepWhole = output.truncated && (output.value as TruncatedValue).bytes <= runtime.settings.NODE_OUTPUT_RESUME_MAX_BYTES;
  if (!keepWhole) {
    await write(runtime.orm.em.fork());
    return;
  }
  await runtime.orm.em.fork().transactional(async (tx) => {
    await write(tx);
    await tx.upsert(ResumeOutput, { executionId, nodeId: record.nodeId, output: record.output ?? null });
  });
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
