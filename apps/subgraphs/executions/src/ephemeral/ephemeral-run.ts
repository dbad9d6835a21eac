import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { runFlow, SecretMask, type EngineEvent, type PreparedFlow, type RunLimits, type WebhookAnswer } from '@omnitron/nodes';
import { sendJson } from '@omnitron/server-kit';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { TriggerRegistration } from '../entities/trigger-registration.entity';
import { sendAnswer } from '../http/webhook-answer';
import { fitError, fitForStorage } from '../services/truncate';
import type { EphemeralServices } from './ephemeral-services';
import { executionRowOf, nodeRunRowsOf, type EphemeralEnd } from './run-rows';
import type { RunRecorder } from './run-recorder';

/** What an ephemeral run needs of its process. */
export interface EphemeralHost {
  readonly recorder: RunRecorder;
  readonly services: EphemeralServices;
  readonly limits: RunLimits;
  /** WEBHOOK_WAIT_MS: the run is stopped (FAILED, TIMEOUT) past it. */
  readonly timeoutMs: number;
  /** NODE_OUTPUT_MAX_BYTES. */
  readonly outputMaxBytes: number;
}

/**
 * Runs a webhook call of an ephemeral flow here and now: the compiled flow, bounded like a run in
 * the worker (the engine's expression and output limits, each node's timeout, and WEBHOOK_WAIT_MS
 * for the whole run), acting as whoever registered the webhook, in the flow's workspace. Nothing
 * is written or streamed while it runs (no live events or logs); its execution and node runs are
 * handed to the recorder once it ends. Returns how it ended, for the answer.
 */
export async function runEphemeral(host: EphemeralHost, registration: TriggerRegistration, flow: PreparedFlow, input: unknown): Promise<EphemeralEnd> {
  const executionId = randomUUID();
  const attemptErrors = new Map<string, Array<{ attempt: number; code: string; message: string }>>();
  const onEvent = (event: EngineEvent): void => {
    if (event.type !== 'NODE_RETRYING') return;
    const list = attemptErrors.get(event.nodeId) ?? [];
    list.push({ attempt: event.attempt, ...fitError(event.error) });
    attemptErrors.set(event.nodeId, list);
  };
  const mask = new SecretMask();
  const caller = { userId: registration.registeredBy, workspaceId: registration.workspaceId, role: 'editor' as const, scopes: null };
  // Cleared when the run ends: `AbortSignal.timeout` would fire WEBHOOK_WAIT_MS after every run, long finished, and build its DOMException.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), host.timeoutMs);
  const startedAt = new Date();
  let result: Awaited<ReturnType<typeof runFlow>>;
  try {
    result = await runFlow(flow, input, {
      signal: timeout.signal,
      onEvent,
      services: host.services.forRun(caller, mask),
      mask,
      http: host.services.http,
      limits: host.limits,
      triggerId: registration.nodeId,
    });
  } finally {
    clearTimeout(timer);
  }
  const finishedAt = new Date();
  const timedOut = result.status === 'CANCELLED' || result.status === 'SUSPENDED';
  const error = timedOut
    ? { code: 'TIMEOUT', message: `The ephemeral run did not finish within WEBHOOK_WAIT_MS (${host.timeoutMs} ms)` }
    : (result.error ?? null);
  const end: EphemeralEnd = { executionId, status: result.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED', output: result.status === 'SUCCEEDED' ? result.output : null, error, result, startedAt, finishedAt, attemptErrors };
  host.recorder.record({ execution: executionRowOf(registration, input, end, host.outputMaxBytes), nodeRuns: nodeRunRowsOf(end, host.outputMaxBytes) });
  return end;
}

/**
 * Answers as the durable path answers a `respond: end` call once its run settled: what its last
 * `respond` node set, else 200 with its output; 500 with the error when it failed.
 */
export function answerEphemeral(res: ServerResponse, end: EphemeralEnd, respondNodeIds: readonly string[], outputMaxBytes: number): void {
  const idHeader = { 'x-omnitron-execution-id': end.executionId };
  if (end.status !== 'SUCCEEDED') return sendJson(res, 500, { executionId: end.executionId, status: end.status, error: end.error ? fitError(end.error) : null }, idHeader);
  const answer = respondAnswerOf(end, respondNodeIds, outputMaxBytes);
  if (answer) return sendAnswer(res, answer, idHeader);
  sendJson(res, 200, end.output ?? null, idHeader);
}

/** The output of the `respond` node that finished last, if one ran. */
function respondAnswerOf(end: EphemeralEnd, respondNodeIds: readonly string[], outputMaxBytes: number): WebhookAnswer | undefined {
  let last: { finishedAt: string; output: unknown } | undefined;
  for (const id of respondNodeIds) {
    const record = end.result.nodeRuns[id];
    if (record?.status !== 'SUCCEEDED') continue;
    const finishedAt = record.finishedAt ?? '';
    if (!last || finishedAt >= last.finishedAt) last = { finishedAt, output: record.output };
  }
  if (!last) return undefined;
  // The same bound as the durable path, which reads the answer back from the stored node run.
  if (fitForStorage(last.output, outputMaxBytes).truncated) throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, 'The respond node’s answer is larger than NODE_OUTPUT_MAX_BYTES');
  return last.output as WebhookAnswer;
}
