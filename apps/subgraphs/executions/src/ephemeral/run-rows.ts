import type { RequiredEntityData } from '@mikro-orm/core';
import type { NodeRunRecord, RunResult } from '@omnitron/nodes';
import type { Execution, ExecutionErrorValue } from '../entities/execution.entity';
import type { NodeRun } from '../entities/node-run.entity';
import type { TriggerRegistration } from '../entities/trigger-registration.entity';
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

function nodeRunRowOf(executionId: string, record: NodeRunRecord, attemptErrors: ReadonlyArray<{ attempt: number; code: string; message: string }>, maxBytes: number): RequiredEntityData<NodeRun> {
  const output = fitForStorage(record.output, maxBytes);
  const error = record.error ? fitError(record.error) : null;
  const errors = error ? [...attemptErrors, { attempt: record.attempts, ...error }] : attemptErrors;
  return {
    executionId,
    nodeId: record.nodeId,
    status: record.status,
    attempts: record.attempts,
    input: fitForStorage(record.input, maxBytes).value,
    output: output.value,
    outputTruncated: output.truncated,
    error,
    attemptErrors: errors.length > 0 ? [...errors] : null,
    handle: record.handle ?? null,
    startedAt: record.startedAt ? new Date(record.startedAt) : null,
    finishedAt: record.finishedAt ? new Date(record.finishedAt) : null,
    durationMs: record.durationMs ?? null,
  };
}
