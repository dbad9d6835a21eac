import { assertStorableText, parseJsonBody, readBody, routeOf, sendJson, verifyCaller, type Route } from '@omnitron/server-kit';
import { ErrorCode, INTERNAL_WEBHOOK_PREFIX, OmnitronError, webhookPathOfInternal } from '@omnitron/schema';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal } from '../services/settle-execution';
import { startExecution } from '../services/start-execution';

/** What the gateway forwards: the original request's parts. */
export interface ForwardedWebhook {
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

/**
 * The internal route the gateway forwards `POST /webhooks/<path>` to: the path in one encoded
 * segment (`internalWebhookPath`), signed as an anonymous caller for this one URL path.
 *
 * Starts the flow registered for the path with input `{body, headers, query}`. `respond: immediately`
 * answers 202 `{executionId}` at once; `respond: end` waits for the run (WEBHOOK_WAIT_MS) and
 * answers 200 with its output (500 when it failed), or 202 when the wait ran out. Text no
 * database can store as sent (a NUL, an unpaired surrogate) anywhere in the body, headers or query
 * answers 400 VALIDATION_FAILED naming the field (`body.items[2]`), and no run is created.
 */
export function webhookRoute(runtime: ExecutionsRuntime): Route {
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      verifyCaller(runtime.signingKey, routeOf('POST', url), req.headers, runtime.config.SIGNATURE_MAX_AGE_MS);
      const path = webhookPathOfInternal(url.pathname);
      if (path === undefined) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
      const forwarded = parseJsonBody(await readBody(req, runtime.config.MAX_BODY_BYTES)) as ForwardedWebhook | undefined;
      assertStorableText(forwarded ?? null, '');
      const registration = await runtime.orm.em.fork().findOne(TriggerRegistration, { path, kind: 'webhook' });
      if (!registration) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
      const execution = await startExecution(runtime, {
        workspaceId: registration.workspaceId,
        userId: registration.registeredBy,
        flow: { id: registration.flowId, version: registration.flowVersion, graph: registration.graph },
        input: { body: forwarded?.body ?? null, headers: forwarded?.headers ?? {}, query: forwarded?.query ?? {} },
        triggerNodeId: registration.nodeId,
      });
      if (registration.respond === 'immediately') return sendJson(res, 202, { executionId: execution.id });
      const finished = await runtime.settled.waitForSettled(execution.id, runtime.settings.WEBHOOK_WAIT_MS);
      if (!finished || !isTerminal(finished.status)) return sendJson(res, 202, { executionId: execution.id });
      if (finished.status === 'SUCCEEDED') return sendJson(res, 200, finished.output ?? null, { 'x-omnitron-execution-id': execution.id });
      sendJson(res, 500, { executionId: execution.id, status: finished.status, error: finished.error }, { 'x-omnitron-execution-id': execution.id });
    },
  };
}
