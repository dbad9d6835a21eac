import type { NodeRunRecord } from '@omnitron/nodes';
import type { NodeRunStatus } from '@omnitron/schema';
import { fitError, fitForStorage } from './truncate';

/** A node's failed attempts before its last, for its NodeRun. */
export type AttemptErrorList = ReadonlyArray<{ attempt: number; code: string; message: string }>;

/** A NodeRun's columns, as written. */
export interface NodeRunRow {
  executionId: string;
  nodeId: string;
  status: NodeRunStatus;
  attempts: number;
  input: unknown;
  output: unknown;
  outputTruncated: boolean;
  error: { code: string; message: string } | null;
  attemptErrors: Array<{ attempt: number; code: string; message: string }> | null;
  handle: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}

/**
 * The row of a settled node, as a worker commits it and as an ephemeral run is recorded: input and
 * output over `maxBytes` kept as a preview (`outputTruncated`), errors cut to size,
 * the last attempt's error added to the earlier ones.
 */
export function nodeRunRowOf(executionId: string, record: NodeRunRecord, attemptErrors: AttemptErrorList, maxBytes: number): NodeRunRow {
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

/** A JSON column's value as a bound parameter (sqlRows): its text, SQL NULL for null as the ORM writes it. */
export const jsonColumn = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
