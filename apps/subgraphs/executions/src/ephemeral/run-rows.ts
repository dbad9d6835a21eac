import type { RequiredEntityData } from '@mikro-orm/core';
import type { RunResult } from '@omnitron/nodes';
import type { Execution, ExecutionErrorValue } from '../entities/execution.entity';
import type { NodeRun } from '../entities/node-run.entity';
import type { TriggerRegistration } from '../entities/trigger-registration.entity';
import { nodeRunRowOf } from '../services/node-run-row';
import { fitError, fitForStorage } from '../services/truncate';

/** How an ephemeral run ended, as it is stored and answered. */
export interface EphemeralEnd {
  readonly executionId: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output: unknown;
  readonly error: ExecutionErrorValue | null;
  readonly result: RunResult;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Each node's failed attempts before its last, for its NodeRun. */
  readonly attemptErrors: ReadonlyMap<string, Array<{ attempt: number; code: string; message: string }>>;
}

/** An ephemeral run's execution row, with the columns the recorder reads typed plainly. */
export type ExecutionRow = RequiredEntityData<Execution> & { readonly id: string; readonly status: EphemeralEnd['status']; readonly errorFlowId: string | null };

/** The execution row of a finished ephemeral run: like a durable run's final row, marked `ephemeral`. */
export function executionRowOf(registration: TriggerRegistration, input: unknown, end: EphemeralEnd, maxBytes: number): ExecutionRow {
  const output = fitForStorage(end.output, maxBytes);
  return {
    id: end.executionId,
    workspaceId: registration.workspaceId,
    flowId: registration.flowId,
    flowVersion: registration.flowVersion,
    flowName: registration.flowName,
    graph: registration.graph,
    triggerNodeId: registration.nodeId,
    triggerType: 'trigger.webhook',
    startedBy: registration.registeredBy,
    status: end.status,
    input: input ?? null,
    output: output.value,
    outputTruncated: output.truncated,
    error: end.error ? fitError(end.error) : null,
    idempotencyKey: null,
    parentExecutionId: null,
    parentNodeId: null,
    createdAt: end.startedAt,
    startedAt: end.startedAt,
    finishedAt: end.finishedAt,
    durationMs: end.finishedAt.getTime() - end.startedAt.getTime(),
    heartbeatAt: null,
    priority: registration.settings?.priority ?? 0,
    concurrencyLimit: null,
    concurrencyKey: null,
    concurrencyKeyLimit: null,
    queuedReason: null,
    errorFlowId: registration.settings?.errorFlowId ?? null,
    errorOfExecutionId: null,
    test: false,
    retryOfId: null,
    retryFromNodeId: null,
    ephemeral: true,
  };
}

/**
 * The node runs to store, as a durable run's worker commits them (outputs over `maxBytes` kept as
 * a preview). A node that never started because the run stopped first gets no row, as in a
 * durable run.
 */
export function nodeRunRowsOf(end: EphemeralEnd, maxBytes: number): Array<RequiredEntityData<NodeRun>> {
  return Object.values(end.result.nodeRuns)
    .filter((record) => !(record.status === 'CANCELLED' && record.attempts === 0 && record.startedAt === undefined))
    .map((record) => nodeRunRowOf(end.executionId, record, end.attemptErrors.get(record.nodeId) ?? [], maxBytes));
}
