import type { CommonConfig } from '../catalog/node-definition';
import { ErrorCode, NodeError, toNodeError } from '../errors';
import type { NodeRunRecord } from '../types';
import type { CompiledNode } from '../validation/compiled-flow';
import { runAttempt, type RunEnvironment } from './attempt';
import { assertOutputSize } from './output-size';
import { abortableSleep } from './sleep';
import { SuspendSignal, type Suspension } from './suspension';

/** Milliseconds to wait before attempt `attempt + 1`. */
export function backoffDelay(retry: NonNullable<CommonConfig['retry']>, attempt: number): number {
  return retry.backoff === 'exponential' ? retry.delayMs * 2 ** (attempt - 1) : retry.delayMs;
}

interface Timing {
  startedAt: string;
  start: number;
}

function finish(record: NodeRunRecord, timing: Timing): NodeRunRecord {
  record.startedAt = timing.startedAt;
  record.finishedAt = new Date().toISOString();
  record.durationMs = Math.round((performance.now() - timing.start) * 1000) / 1000;
  return record;
}

/** The record of a node that gave up: where the error goes depends on `onError`. */
function failedRecord(compiled: CompiledNode, input: unknown, attempts: number, error: NodeError): NodeRunRecord {
  const { onError } = compiled.config;
  const record: NodeRunRecord = { nodeId: compiled.node.id, status: 'FAILED', attempts, input, error: error.toValue() };
  if (onError !== 'fail') record.output = { error: error.toValue() };
  if (onError === 'errorBranch') record.handle = 'error';
  return record;
}

function cancelledRecord(compiled: CompiledNode, input: unknown, attempts: number): NodeRunRecord {
  const error = { code: ErrorCode.CANCELLED, message: 'cancelled while running' };
  return { nodeId: compiled.node.id, status: 'CANCELLED', attempts, input, error };
}

/** A node either settles (a record) or parks until its wait ends. */
export type NodeOutcome = { readonly record: NodeRunRecord } | { readonly parked: Suspension };

/** The attempt to start with: the one after a retry back-off the run was parked for, else 1. */
function firstAttempt(nodeId: string, env: RunEnvironment): number {
  const ended = env.waits?.ended[nodeId];
  return ended?.suspension.wait.kind === 'retry' ? ended.suspension.wait.attempt + 1 : 1;
}

/**
 * The back-off before the next attempt: slept in process when short (or when nothing can park the
 * run), else the node parks. Returns false when the run was cancelled while sleeping.
 */
async function backOff(nodeId: string, attempt: number, delayMs: number, error: NodeError, env: RunEnvironment): Promise<boolean | Suspension> {
  env.emit?.({ type: 'NODE_RETRYING', nodeId, attempt, delayMs, error: error.toValue() });
  if (env.waits !== undefined && delayMs >= env.waits.minMs) {
    return { nodeId, until: new Date(Date.now() + delayMs).toISOString(), wait: { kind: 'retry', attempt, error: error.toValue() } };
  }
  return abortableSleep(delayMs, env.signal).then(
    () => true,
    () => false,
  );
}

/** Runs a node to a terminal record (attempts with backoff, output size check, cancellation), or parks it. */
export async function runNode(compiled: CompiledNode, input: unknown, env: RunEnvironment): Promise<NodeOutcome> {
  const nodeId = compiled.node.id;
  const timing: Timing = { startedAt: new Date().toISOString(), start: performance.now() };
  const retry = compiled.config.retry;
  const maxAttempts = retry?.maxAttempts ?? 1;
  for (let attempt = firstAttempt(nodeId, env); ; attempt++) {
    env.emit?.({ type: 'NODE_STARTED', nodeId, attempt, input });
    let error: NodeError;
    try {
      const result = await runAttempt(compiled, input, attempt, env);
      assertOutputSize(result.output, env.limits.maxOutputBytes);
      const record: NodeRunRecord = { nodeId, status: 'SUCCEEDED', attempts: attempt, input, output: result.output };
      if (result.handle !== undefined) record.handle = result.handle;
      return { record: finish(record, timing) };
    } catch (thrown) {
      if (thrown instanceof SuspendSignal) return { parked: thrown.suspension };
      error = toNodeError(thrown);
    }
    if (env.signal.aborted) return { record: finish(cancelledRecord(compiled, input, attempt), timing) };
    if (retry === undefined || attempt >= maxAttempts || !error.retryable) {
      return { record: finish(failedRecord(compiled, input, attempt, error), timing) };
    }
    const next = await backOff(nodeId, attempt, backoffDelay(retry, attempt), error, env);
    if (next === false) return { record: finish(cancelledRecord(compiled, input, attempt), timing) };
    if (next !== true) return { parked: next };
  }
}
