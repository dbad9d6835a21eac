import { readPinnedData } from '@omnitron/schema/pinned-data';

/** Node outputs of a past run, handed from its run page to the flow's editor ("Debug in editor"). */
export interface DebugPins {
  readonly executionId: string;
  /** Output by node id: each is pinned on the node of that id, when the editor's flow has one. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

const key = (flowId: string) => `omnitron.debug-pins.${flowId}`;

/** A stored output cut for size is a preview, not the value: it cannot be pinned. */
export const isPreview = (value: unknown): boolean => typeof value === 'object' && value !== null && '$truncated' in value;

interface RanNode {
  readonly nodeId: string;
  readonly status: string;
  readonly output?: unknown;
}

/**
 * The outputs of a run's succeeded nodes that can be pinned: whole (not a stored preview) and
 * within the pinned-data limit.
 */
export function pinnableOutputs(nodeRuns: readonly RanNode[]): Record<string, unknown> {
  const ok = nodeRuns.filter((run) => run.status === 'SUCCEEDED' && run.output !== undefined && run.output !== null && !isPreview(run.output));
  const { pinned } = readPinnedData(ok.map((run) => ({ id: run.nodeId, pinnedData: run.output })));
  return Object.fromEntries(pinned);
}

/** Leaves a run's outputs for the flow's editor to pin when it next opens (this tab only). */
export function handDebugPins(flowId: string, pins: DebugPins): void {
  sessionStorage.setItem(key(flowId), JSON.stringify(pins));
}

/** The outputs left for this flow's editor, once: reading them removes them. */
export function takeDebugPins(flowId: string): DebugPins | undefined {
  const text = sessionStorage.getItem(key(flowId));
  if (text === null) return undefined;
  sessionStorage.removeItem(key(flowId));
  try {
    return JSON.parse(text) as DebugPins;
  } catch {
    return undefined;
  }
}
