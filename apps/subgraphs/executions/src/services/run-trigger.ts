import type { FlowGraph } from '@omnitron/nodes';

/**
 * What started a top-level run, as the Executions page filters and shows it. A test run and a
 * retry are told by their own columns whatever trigger they copied; an error flow's run by the run
 * it handles; a webhook or schedule run by the type of the trigger node it started from; anything
 * else was started by hand or through the API.
 */
export const ExecutionTrigger = ['MANUAL', 'WEBHOOK', 'SCHEDULE', 'ERROR_FLOW', 'RETRY', 'TEST'] as const;
export type ExecutionTrigger = (typeof ExecutionTrigger)[number];

/** The columns a run's trigger is read from. */
export interface TriggerColumns {
  readonly test: boolean;
  readonly retryOfId?: string | null;
  readonly errorOfExecutionId?: string | null;
  readonly triggerType?: string | null;
}

const BY_NODE_TYPE: Readonly<Record<string, ExecutionTrigger>> = { 'trigger.webhook': 'WEBHOOK', 'trigger.schedule': 'SCHEDULE' };

/** The type of the trigger node a run starts from (null for a run started by hand). */
export function triggerTypeOf(graph: FlowGraph, triggerNodeId: string | null | undefined): string | null {
  if (!triggerNodeId) return null;
  return graph.nodes.find((node) => node.id === triggerNodeId)?.type.slice(0, 100) ?? null;
}

export function triggerOf(run: TriggerColumns): ExecutionTrigger {
  if (run.test) return 'TEST';
  if (run.retryOfId) return 'RETRY';
  if (run.errorOfExecutionId) return 'ERROR_FLOW';
  return (run.triggerType && BY_NODE_TYPE[run.triggerType]) || 'MANUAL';
}

/** The `where` of the runs `triggerOf` would answer `trigger` for (the same order of precedence). */
export function triggerFilter(trigger: ExecutionTrigger): Record<string, unknown> {
  if (trigger === 'TEST') return { test: true };
  const notTest = { test: false };
  if (trigger === 'RETRY') return { ...notTest, retryOfId: { $ne: null } };
  const original = { ...notTest, retryOfId: null };
  if (trigger === 'ERROR_FLOW') return { ...original, errorOfExecutionId: { $ne: null } };
  const started = { ...original, errorOfExecutionId: null };
  if (trigger === 'WEBHOOK') return { ...started, triggerType: 'trigger.webhook' };
  if (trigger === 'SCHEDULE') return { ...started, triggerType: 'trigger.schedule' };
  return { ...started, $or: [{ triggerType: null }, { triggerType: { $nin: Object.keys(BY_NODE_TYPE) } }] };
}
