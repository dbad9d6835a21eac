import type { CommonConfig } from '../catalog/node-definition';
import { ErrorCode, NodeError, toNodeError } from '../errors';
import type { NodeRunRecord } from '../types';
import type { CompiledNode } from '../validation/compiled-flow';
import { runAttempt, type RunEnvironment } from './attempt';
import { assertOutputSize } from './output-size';
import { abortableSleep } from './sleep';

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

/** Runs a node to a terminal record: attempts with backoff, output size check, cancellation. */
export async function runNode(compiled: CompiledNode, input: unknown, env: RunEnvironment): Promise<NodeRunRecord> {
  const nodeId = compiled.node.id;
  const timing: Timing = { startedAt: new Date().toISOString(), start: performance.now() };
  const retry = compiled.config.retry;
  const maxAttempts = retry?.maxAttempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    env.emit?.({ type: 'NODE_STARTED', nodeId, attempt, input });
    let error: NodeError;
    try {
      const result = await runAttempt(compiled, input, attempt, env);
      assertOutputSize(result.output, env.limits.maxOutputBytes);
      const record: NodeRunRecord = { nodeId, status: 'SUCCEEDED', attempts: attempt, input, output: result.output };
      if (result.handle !== undefined) record.handle = result.handle;
      return finish(record, timing);
    } catch (thrown) {
      error = toNodeError(thrown);
    }
    if (env.signal.aborted) return finish(cancelledRecord(compiled, input, attempt), timing);
    if (retry === undefined || attempt >= maxAttempts || !error.retryable) {
      return finish(failedRecord(compiled, input, attempt, error), timing);
    }
    const delayMs = backoffDelay(retry, attempt);
    env.emit?.({ type: 'NODE_RETRYING', nodeId, attempt, delayMs, error: error.toValue() });
    const slept = await abortableSleep(delayMs, env.signal).then(
      () => true,
      () => false,
    );
    if (!slept) return finish(cancelledRecord(compiled, input, attempt), timing);
  }
}
