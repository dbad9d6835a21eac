import type { CommonConfig } from '../catalog/node-definition';
import type { NodeRunRecord } from '../types';
import { Phase, type RunState } from './run-state';

/**
 * The handle a settled node routes to, or `undefined` when nothing downstream of it should run:
 * skipped and cancelled nodes, and failures that fail the run. Failures with `onError: continue`
 * route through the regular output, with `errorBranch` through `error`.
 */
export function routedHandle(
  record: NodeRunRecord,
  config: CommonConfig,
  defaultHandle: string | undefined,
): string | undefined {
  if (record.status === 'SUCCEEDED') return record.handle ?? defaultHandle;
  if (record.status !== 'FAILED' || config.onError === 'fail') return undefined;
  return config.onError === 'errorBranch' ? 'error' : defaultHandle;
}

/** Records a settled node's result where expressions and the output selection will look. */
export function commitRecord(state: RunState, index: number, record: NodeRunRecord): void {
  const { graph } = state;
  const compiled = graph.nodes[index];
  if (compiled === undefined) return;
  state.phase[index] = Phase.Settled;
  state.settledCount++;
  state.records[record.nodeId] = record;
  const handle = routedHandle(record, compiled.config, graph.defaultHandle[index]);
  state.taken[index] = handle;
  // A node with no outputs (the `output` node) routes nowhere, but what it produced still counts.
  const sink = compiled.definition.outputs.length === 0 && compiled.definition.outputsFor === undefined;
  if (handle === undefined && !(sink && record.status === 'SUCCEEDED')) return;
  state.outputs[record.nodeId] = record.output;
  state.lastWithOutput = index;
  if (compiled.node.type === 'output' && record.status === 'SUCCEEDED') state.lastOutputNode = index;
}

/**
 * Settles the outbound edges of a committed node. A target whose inbound edges are now all
 * settled becomes ready when at least one is live, or dead (to be SKIPPED) when none is.
 */
export function releaseDownstream(state: RunState, index: number): void {
  const taken = state.taken[index];
  for (const edge of state.graph.outgoing[index] ?? []) {
    const target = edge.target;
    const live = (state.live[target] ?? 0) + (taken !== undefined && edge.handle === taken ? 1 : 0);
    const remaining = (state.remaining[target] ?? 0) - 1;
    state.live[target] = live;
    state.remaining[target] = remaining;
    if (remaining !== 0 || state.phase[target] !== Phase.Pending) continue;
    if (live > 0) state.enqueue(target);
    else {
      state.phase[target] = Phase.Queued;
      state.dead.push(target);
    }
  }
}

/** Whether an inbound edge carries a value: its source settled and took the edge's handle. */
export function isEdgeLive(state: RunState, source: number, handle: string): boolean {
  return state.phase[source] === Phase.Settled && state.taken[source] === handle;
}
