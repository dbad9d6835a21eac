import { webhookTriggersOf } from '@omnitron/nodes';
import { ErrorCode, INTERNAL_WEBHOOK_TEST_PREFIX, OmnitronError } from '@omnitron/schema';
import type { Caller, Route } from '@omnitron/server-kit';
import { answerWebhook, readForwarded, refusedMethod, storableInputOf } from '../http/webhook-route';
import { checkWebhookSignature } from '../http/webhook-signature';
import type { PinnedFlow } from '../clients/flows-client';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from '../services/start-execution';
import { peekTestListen, recordCapture, takeTestListen } from './test-listens';

const nobodyListening = () => new OmnitronError(ErrorCode.NOT_FOUND, 'Nobody is listening on this test URL: start listening in the studio first');

/**
 * The internal route behind `/webhooks-test/<path>`: while someone listens in the studio
 * (`listenForTestWebhook`), the next request there is captured and runs the graph the listen keeps
 * (the editor's draft, unsaved; active or not) as the listener, with the draft trigger's methods,
 * signature check and answer, as the production URL would. Any other time it is 404.
 */
export function webhookTestRoute(runtime: ExecutionsRuntime): Route {
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_TEST_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      const { path, frame } = await readForwarded(runtime, req, url, INTERNAL_WEBHOOK_TEST_PREFIX);
      const listen = await peekTestListen(runtime, path);
      if (!listen) throw nobodyListening();
      const listener: Caller = { userId: listen.userId, workspaceId: listen.workspaceId, role: 'editor', scopes: null };
      // The flow may have been deleted (or its workspace left) since listening began.
      const saved = await runtime.flows.currentFlow(listener, listen.flowId);
      const trigger = webhookTriggersOf(listen.draft).find((t) => t.nodeId === listen.nodeId && t.path === path);
      if (!saved || !trigger) throw nobodyListening();
      if (refusedMethod(res, trigger, frame.meta.method)) return;
      if (trigger.signature) await checkWebhookSignature(runtime.credentials, { workspaceId: listen.workspaceId, registeredBy: listen.userId }, trigger.signature, frame.body, frame.meta.headers);
      const input = await storableInputOf(frame);
      // Only now, with every check passed, is the listen used up: one captured request per listen.
      if (!(await takeTestListen(runtime, listen))) throw nobodyListening();
      // The draft runs under the saved flow's id, version and name; the run pins the draft's graph.
      const flow: PinnedFlow = { id: saved.id, version: saved.version, ...(saved.name === undefined ? {} : { name: saved.name }), graph: listen.draft };
      const execution = await startExecution(runtime, { workspaceId: listen.workspaceId, userId: listen.userId, flow, input, triggerNodeId: trigger.nodeId });
      await recordCapture(runtime, listen, execution.id);
      await answerWebhook(runtime, res, execution.id, trigger.respond, flow.graph.nodes);
    },
  };
}
