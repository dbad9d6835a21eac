import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookAnswer, WebhookTrigger } from '@omnitron/nodes';
import { assertStorableText, gatewayRequestOf, readBody, sendJson, type Route } from '@omnitron/server-kit';
import { decodeForwardedWebhook, ErrorCode, FORWARDED_META_MAX_BYTES, INTERNAL_WEBHOOK_PREFIX, OmnitronError, webhookPathOfInternal } from '@omnitron/schema';
import { Execution } from '../entities/execution.entity';
import { NodeRun } from '../entities/node-run.entity';
import { answerEphemeral, runEphemeral } from '../ephemeral/ephemeral-run';
import type { SettledRun, SettledWatch } from '../events/settled-notifier';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal } from '../services/settle-execution';
import { startExecution } from '../services/start-execution';
import { respondNodeIdsOf, sendAnswer } from './webhook-answer';
import { webhookInputOf, type WebhookInput } from './webhook-request';
import { checkWebhookSignature } from './webhook-signature';

/**
 * The internal route the gateway forwards `/webhooks/<path>` to (any method; the original one
 * travels in the frame, see `encodeForwardedWebhook`): the path in one encoded segment
 * (`internalWebhookPath`), signed as an anonymous caller for this one URL path (or called in
 * process by a gateway hosted beside it, see `gatewayRequestOf`).
 *
 * Order, so that a refused request starts nothing: the path must be registered (404), the method
 * one the trigger allows (405 with `allow`), the signature valid when the trigger checks one (401),
 * the text storable (400 naming the field). Then the
 * flow starts with input `{method, body, rawBody, contentType, size, files, headers, query}`.
 * `respond: immediately` answers 202 `{executionId}` at once; `respond: end` waits for the run
 * (WEBHOOK_WAIT_MS) and answers with what its `respond` node set, else 200 with its output (500
 * when it failed), or 202 when the wait ran out.
 *
 * The registration comes from the process's `WebhookRegistry` (kept briefly, cleared on every
 * trigger change). A `respond: end` call of a flow set `ephemeral` runs here instead, with no
 * queue and no worker (ephemeral/ephemeral-run.ts), and is recorded after the answer; when the
 * recorder is too far behind it takes the durable path.
 */
export function webhookRoute(runtime: ExecutionsRuntime): Route {
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      const { path, frame } = await readForwarded(runtime, req, url);
      const ephemeral = runtime.webhooks;
      const webhook = await ephemeral.registry.lookup(path);
      if (!webhook) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
      const { registration, trigger } = webhook;
      if (refusedMethod(res, trigger, frame.meta.method)) return;
      if (trigger?.signature) await checkWebhookSignature(runtime.credentials, registration, trigger.signature, frame.body, frame.meta.headers);
      const input = await storableInputOf(frame);
      if (webhook.ephemeral && ephemeral.recorder.accepts()) {
        const end = await runEphemeral(ephemeral, registration, webhook.ephemeral, input);
        return answerEphemeral(res, end, webhook.respondNodeIds, ephemeral.outputMaxBytes);
      }
      const respond = registration.respond === 'immediately' ? 'immediately' : 'end';
      // `end` listens before the run is queued: its settled notice (with its final state) is then
      // all the answer needs, no read of the row before or after.
      const id = randomUUID();
      const watch = respond === 'end' ? await runtime.settled.watch(id) : undefined;
      try {
        const execution = await startExecution(runtime, {
          id,
          workspaceId: registration.workspaceId,
          userId: registration.registeredBy,
          flow: { id: registration.flowId, version: registration.flowVersion, name: registration.flowName ?? undefined, graph: registration.graph, ...(registration.settings ? { settings: registration.settings } : {}) },
          input,
          triggerNodeId: registration.nodeId,
          toldWhenSettled: respond === 'end',
        });
        await answerWebhook(runtime, res, execution.id, respond, registration.graph.nodes, watch);
      } finally {
        watch?.stop();
      }
    },
  };
}

/** Checks the signature on the internal route (none in process) and reads the frame (404 for a path not encoded the one way). */
export async function readForwarded(runtime: ExecutionsRuntime, req: IncomingMessage, url: URL, prefix = INTERNAL_WEBHOOK_PREFIX): Promise<{ path: string; frame: NonNullable<ReturnType<typeof decodeForwardedWebhook>> }> {
  gatewayRequestOf(req, url, runtime.signingKey, runtime.config.SIGNATURE_MAX_AGE_MS);
  const path = webhookPathOfInternal(url.pathname, prefix);
  if (path === undefined) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
  const frame = decodeForwardedWebhook(await readBody(req, runtime.config.MAX_BODY_BYTES + FORWARDED_META_MAX_BYTES));
  if (!frame) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Not a forwarded webhook request');
  if (frame.body.length > runtime.config.MAX_BODY_BYTES) {
    throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than the ${runtime.config.MAX_BODY_BYTES} byte limit`, { limitBytes: runtime.config.MAX_BODY_BYTES });
  }
  return { path, frame };
}

/** Answers 405 (with `allow`) and returns true when the trigger does not accept `method`. */
export function refusedMethod(res: ServerResponse, trigger: WebhookTrigger | undefined, method: string): boolean {
  const methods = trigger?.methods ?? ['POST'];
  if (methods.includes(method as (typeof methods)[number])) return false;
  const error = { message: `This webhook accepts ${methods.join(', ')}`, extensions: { code: ErrorCode.VALIDATION_FAILED, field: 'method' } };
  sendJson(res, 405, { errors: [error] }, { allow: methods.join(', ') });
  return true;
}

/** The run's input, refused (400 naming the field) when it holds text no database stores. */
export async function storableInputOf(frame: NonNullable<ReturnType<typeof decodeForwardedWebhook>>): Promise<WebhookInput> {
  const input = await webhookInputOf(frame.meta, frame.body);
  assertStorableText({ body: input.body, headers: input.headers, query: input.query, files: input.files.map((f) => ({ field: f.field, name: f.name, type: f.type })) }, '');
  return input;
}

/**
 * 202 at once for `immediately`; for `end`, the run's respond node's answer or output once it
 * settles (202 after WEBHOOK_WAIT_MS). `watch`, listening since before the run was queued, saves
 * reading the run: its notice carries the final state (read when it does not).
 */
export async function answerWebhook(
  runtime: ExecutionsRuntime,
  res: ServerResponse,
  executionId: string,
  respond: 'end' | 'immediately',
  nodes: ReadonlyArray<{ id: string; type: string }>,
  watch?: SettledWatch,
): Promise<void> {
  const idHeader = { 'x-omnitron-execution-id': executionId };
  if (respond === 'immediately') return sendJson(res, 202, { executionId }, idHeader);
  const finished = watch ? await settledRun(runtime, executionId, watch) : await runtime.settled.waitForSettled(executionId, runtime.settings.WEBHOOK_WAIT_MS);
  if (!finished || !isTerminal(finished.status)) return sendJson(res, 202, { executionId }, idHeader);
  if (finished.status !== 'SUCCEEDED') return sendJson(res, 500, { executionId, status: finished.status, error: finished.error }, idHeader);
  const known = 'answer' in finished ? finished.answer : undefined;
  const answer = known === undefined ? await respondNodeAnswer(runtime, executionId, nodes) : known;
  if (answer) return sendAnswer(res, answer, idHeader);
  sendJson(res, 200, finished.output ?? null, idHeader);
}

/** The run's final state from its notice; read from its row when the notice carried none or did not come in time. */
async function settledRun(runtime: ExecutionsRuntime, executionId: string, watch: SettledWatch): Promise<SettledRun | Execution | null> {
  const wait = await watch.wait(runtime.settings.WEBHOOK_WAIT_MS);
  if (wait.settled && wait.run) return wait.run;
  return runtime.orm.em.fork().findOne(Execution, { id: executionId });
}

/** What the run's last settled `respond` node set, if it has one that ran. */
async function respondNodeAnswer(runtime: ExecutionsRuntime, executionId: string, nodes: ReadonlyArray<{ id: string; type: string }>): Promise<WebhookAnswer | undefined> {
  const ids = respondNodeIdsOf(nodes);
  if (ids.length === 0) return undefined;
  const [run] = await runtime.orm.em.fork().find(NodeRun, { executionId, nodeId: { $in: ids }, status: 'SUCCEEDED' }, { orderBy: { finishedAt: 'desc' }, limit: 1 });
  if (!run) return undefined;
  if (run.outputTruncated) throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, 'The respond node’s answer is larger than NODE_OUTPUT_MAX_BYTES');
  return run.output as WebhookAnswer;
}
