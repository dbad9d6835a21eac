import type { NodeRunRecord } from '../types';
import { commitRecord } from './propagate';
import { Phase, type RunState } from './run-state';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

/**
 * Whether a committed record from an earlier attempt at this execution counts as done.
 * CANCELLED, RUNNING and PENDING nodes run again (a node in flight when a worker died may run twice).
 */
export function isTerminal(record: NodeRunRecord | undefined): record is NodeRunRecord {
  return record !== undefined && TERMINAL.has(record.status);
}

/** Marks the already-committed nodes settled; returns their indexes so their edges can be released. */
export function restoreSettled(state: RunState, settled: Record<string, NodeRunRecord> | undefined): number[] {
  if (settled === undefined) return [];
  const restored: number[] = [];
  state.graph.ids.forEach((id, index) => {
    const record = settled[id];
    if (!isTerminal(record) || state.phase[index] === Phase.Settled) return;
    commitRecord(state, index, record);
    restored.push(index);
  });
  return restored;
}
