import type { NodeRunRecord } from '@omnitron/nodes';
import type { NewExecutionEvent } from '../events/execution-event';
import type { ExecutionsRuntime } from '../runtime';
import { commitNodeRun } from '../worker/node-run-store';
import { fitForStorage } from './truncate';

/** Why a node of a new run already has its result: pinned in the editor, or kept from the run a retry retries. */
export type SeedSource = { readonly pinned: true } | { readonly reusedFrom: string };

export interface SeededNode {
  readonly record: NodeRunRecord;
  readonly source: SeedSource;
}

const SETTLE_EVENT = { SUCCEEDED: 'NODE_SUCCEEDED', FAILED: 'NODE_FAILED', SKIPPED: 'NODE_SKIPPED' } as const;

/**
 * Commits node results a new run starts from, before its job is queued: the worker hands them to
 * the engine as settled (the resume path: `loadSettledNodes`, whole outputs kept in ResumeOutput),
 * so those nodes do not run. Each also gets its settle event, marked `pinned` or `reusedFrom`, so
 * the run's stream shows every node it has a result for.
 */
export async function seedNodeRuns(runtime: ExecutionsRuntime, executionId: string, seeds: readonly SeededNode[]): Promise<void> {
  if (seeds.length === 0) return;
  for (const { record } of seeds) await commitNodeRun(runtime, executionId, record, { resuming: false });
  const max = runtime.settings.NODE_OUTPUT_MAX_BYTES;
  const events: NewExecutionEvent[] = [];
  for (const { record, source } of seeds) {
    if (record.status !== 'SUCCEEDED' && record.status !== 'FAILED' && record.status !== 'SKIPPED') continue;
    const shown = { ...record, input: fitForStorage(record.input, max).value, output: fitForStorage(record.output, max).value };
    events.push({ type: SETTLE_EVENT[record.status], nodeId: record.nodeId, data: { record: shown, ...source } });
  }
  await runtime.events.appendAll(executionId, events);
}
