import { webhookTriggersOf } from '@omnitron/nodes';
import { ErrorCode, INTERNAL_WEBHOOK_TEST_PREFIX, OmnitronError } from '@omnitron/schema';
import { CredentialStoreClient, type Caller, type Route } from '@omnitron/server-kit';
import { answerWebhook, readForwarded, refusedMethod, storableInputOf } from '../http/webhook-route';
import { checkWebhookSignature } from '../http/webhook-signature';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from '../services/start-execution';
import { peekTestListen, recordCapture, takeTestListen } from './test-listens';

const nobodyListening = () => new OmnitronError(ErrorCode.NOT_FOUND, 'Nobody is listening on this test URL: start listening in the studio first');

/**
 * The internal route behind `/webhooks-test/<path>`: while someone listens in the studio
 * (`listenForTestWebhook`), the next request there is captured and runs the flow's saved version
 * (active or not: the draft being built) as the listener, with the same input, method and
 * signature checks and answer as the production URL. Any other time it is 404.
 */
export function webhookTestRoute(runtime: ExecutionsRuntime): Route {
  const secrets = new CredentialStoreClient(runtime.settings.IDENTITY_URL, runtime.signingKey);
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_TEST_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      const { path, frame } = await readForwarded(runtime, req, url, INTERNAL_WEBHOOK_TEST_PREFIX);
      const listen = await peekTestListen(runtime, path);
      if (!listen) throw nobodyListening();
      const listener: Caller = { userId: listen.userId, workspaceId: listen.workspaceId, role: 'editor', scopes: null };
      const flow = await runtime.flows.currentFlow(listener, listen.flowId);
      const trigger = flow && webhookTriggersOf(flow.graph).find((t) => t.nodeId === listen.nodeId && t.path === path);
      // The flow was deleted, or its trigger changed path, since listening began.
      if (!flow || !trigger) throw nobodyListening();
      if (refusedMethod(res, trigger, frame.meta.method)) return;
      if (trigger.signature) await checkWebhookSignature(secrets, { workspaceId: listen.workspaceId, registeredBy: listen.userId }, trigger.signature, frame.body, frame.meta.headers);
      const input = await storableInputOf(frame);
      // Only now, with every check passed, is the listen used up: one captured request per listen.
      if (!(await takeTestListen(runtime, listen))) throw nobodyListening();
      const execution = await startExecution(runtime, { workspaceId: listen.workspaceId, userId: listen.userId, flow, input, triggerNodeId: trigger.nodeId });
      await recordCapture(runtime, listen, execution.id);
      await answerWebhook(runtime, res, execution.id, trigger.respond, flow.graph.nodes);
    },
  };
}
