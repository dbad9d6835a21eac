import { NodeError, renderKeyTemplate } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { FlowRunSettings } from '../clients/flows-client';
import type { Execution } from '../entities/execution.entity';
import type { RunAdmission } from '../queue/run-queue';

/** Longest concurrency key kept; longer keys are cut (runs whose keys agree this far share a slot). */
export const CONCURRENCY_KEY_MAX = 200;

/** The flow-control columns a run pins at start. */
export interface RunControl {
  readonly priority: number;
  readonly concurrencyLimit: number | null;
  readonly concurrencyKey: string | null;
  readonly concurrencyKeyLimit: number | null;
  readonly errorFlowId: string | null;
}

export const NO_RUN_CONTROL: RunControl = { priority: 0, concurrencyLimit: null, concurrencyKey: null, concurrencyKeyLimit: null, errorFlowId: null };

/**
 * What a run pins of its flow's settings, its concurrency key rendered over its input. A key
 * template that fails on this input refuses the start (VALIDATION_FAILED, field concurrencyKey):
 * which slot the run would need is unknown.
 */
export async function runControlOf(settings: FlowRunSettings | undefined, input: unknown): Promise<RunControl> {
  if (!settings) return NO_RUN_CONTROL;
  let concurrencyKey: string | null = null;
  if (settings.concurrencyKey) {
    try {
      concurrencyKey = (await renderKeyTemplate(settings.concurrencyKey, input)).slice(0, CONCURRENCY_KEY_MAX);
    } catch (error) {
      if (!(error instanceof NodeError)) throw error;
      throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `The flow's concurrency key ${error.message}`, { field: 'concurrencyKey' });
    }
  }
  return {
    priority: settings.priority,
    concurrencyLimit: settings.concurrencyLimit,
    concurrencyKey,
    concurrencyKeyLimit: concurrencyKey === null ? null : settings.concurrencyKeyLimit,
    errorFlowId: settings.errorFlowId,
  };
}

/** The admission a run's job carries: null when the run waits for nothing. */
export function admissionOf(run: Pick<Execution, 'flowId' | 'concurrencyLimit' | 'concurrencyKey' | 'concurrencyKeyLimit'>): RunAdmission | null {
  if (run.concurrencyLimit == null && run.concurrencyKey == null) return null;
  return { flowId: run.flowId, concurrencyLimit: run.concurrencyLimit ?? null, concurrencyKey: run.concurrencyKey ?? null, concurrencyKeyLimit: run.concurrencyKey == null ? null : (run.concurrencyKeyLimit ?? 1) };
}
