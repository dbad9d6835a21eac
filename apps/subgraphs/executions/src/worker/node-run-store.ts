import type { NodeRunRecord } from '@omnitron/nodes';
import { NodeRun } from '../entities/node-run.entity';
import type { ExecutionsRuntime } from '../runtime';
import { fitForStorage } from '../services/truncate';

const RESUMABLE = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

/** Commits a settled node (upsert: a node re-run after a crash overwrites its earlier row). */
export async function commitNodeRun(
  runtime: ExecutionsRuntime,
  executionId: string,
  record: NodeRunRecord,
  attemptErrors: Array<{ attempt: number; code: string; message: string }> = [],
): Promise<void> {
  const max = runtime.settings.NODE_OUTPUT_MAX_BYTES;
  const output = fitForStorage(record.output, max);
  const errors = record.error ? [...attemptErrors, { attempt: record.attempts, ...record.error }] : attemptErrors;
  await runtime.orm.em.fork().upsert(NodeRun, {
    executionId,
    nodeId: record.nodeId,
    status: record.status,
    attempts: record.attempts,
    input: fitForStorage(record.input, max).value,
    output: output.value,
    outputTruncated: output.truncated,
    error: record.error ?? null,
    attemptErrors: errors.length > 0 ? errors : null,
    handle: record.handle ?? null,
    startedAt: record.startedAt ? new Date(record.startedAt) : null,
    finishedAt: record.finishedAt ? new Date(record.finishedAt) : null,
    durationMs: record.durationMs ?? null,
  });
}

/** The committed nodes a resumed run must not run again, as the engine's `settled`. */
export async function loadSettledNodes(runtime: ExecutionsRuntime, executionId: string): Promise<Record<string, NodeRunRecord>> {
  const rows = await runtime.orm.em.fork().find(NodeRun, { executionId });
  const settled: Record<string, NodeRunRecord> = {};
  for (const row of rows) {
    if (!RESUMABLE.has(row.status)) continue;
    settled[row.nodeId] = {
      nodeId: row.nodeId,
      status: row.status,
      attempts: row.attempts,
      ...(row.input === null ? {} : { input: row.input }),
      ...(row.output === null ? {} : { output: row.output }),
      ...(row.error ? { error: row.error } : {}),
      ...(row.handle ? { handle: row.handle } : {}),
      ...(row.startedAt ? { startedAt: row.startedAt.toISOString() } : {}),
      ...(row.finishedAt ? { finishedAt: row.finishedAt.toISOString() } : {}),
      ...(row.durationMs === null ? {} : { durationMs: row.durationMs }),
    };
  }
  return settled;
}
