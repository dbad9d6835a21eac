import type { NodeRunRecord } from '@omnitron/nodes';
import { NodeRun } from '../entities/node-run.entity';
import type { ExecutionsRuntime } from '../runtime';
import { fitForStorage } from '../services/truncate';

const RESUMABLE = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

/**
 * Commits a settled node. A fresh run inserts (no row can exist yet); a resumed one upserts, since
 * the node that was in flight may have left a row.
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
  const errors = record.error ? [...attemptErrors, { attempt: record.attempts, ...record.error }] : attemptErrors;
  const row = {
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
  };
  const em = runtime.orm.em.fork();
  if (options.resuming) await em.upsert(NodeRun, row);
  else await em.insert(NodeRun, row);
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
