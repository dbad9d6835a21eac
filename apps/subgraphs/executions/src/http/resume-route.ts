import { INTERNAL_WEBHOOK_RESUME_PREFIX } from '@omnitron/schema';
import { sendJson, type Route } from '@omnitron/server-kit';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { resumeWait, waitOfToken } from '../services/resolve-wait';
import { answerOf, approvalForm, approvalRecorded } from './approval-page';
import { checkWebhookSignature } from './webhook-signature';
import { readForwarded, storableInputOf } from './webhook-route';

/**
 * The internal route behind `/webhooks-resume/<token>` (forwarded by the gateway's webhook door
 * like `/webhooks/<path>`). For a webhook wait a POST resumes the `wait` node, its parsed body
 * becoming the node's output, and answers 202 `{executionId}`; another method is 405, and a
 * missing or wrong signature, when the node checks one, 401. For an
 * approval wait a GET is the approval page and a POST of its form the answer (decision, fields,
 * who answered). An unknown token is 404; a second answer, or one after the wait timed out or its
 * run ended, 409 CONFLICT.
 */
export function resumeRoute(runtime: ExecutionsRuntime): Route {
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_RESUME_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      const { path: token, frame } = await readForwarded(runtime, req, url, INTERNAL_WEBHOOK_RESUME_PREFIX);
      const wait = await waitOfToken(runtime, token);
      const { method } = frame.meta;
      const approval = wait.wait.kind === 'approval';
      if (approval && method === 'GET') return approvalForm(res, wait);
      if (method !== 'POST') {
        const error = { message: `A resume URL accepts ${approval ? 'GET and POST' : 'POST'}`, extensions: { code: 'VALIDATION_FAILED', field: 'method' } };
        return sendJson(res, 405, { errors: [error] }, { allow: approval ? 'GET, POST' : 'POST' });
      }
      const input = await storableInputOf(frame);
      if (approval) {
        const answer = answerOf(wait, input.body);
        await resumeWait(runtime, wait, answer);
        return approvalRecorded(res, answer);
      }
      const { signature } = wait.wait.kind === 'webhook' ? wait.wait : {};
      if (signature) {
        // The secret is the run's workspace's, read as whoever started the run (like a trigger's, as whoever registered it).
        const run = await runtime.orm.em.fork().findOneOrFail(Execution, { id: wait.executionId }, { fields: ['startedBy'] });
        await checkWebhookSignature(runtime.credentials, { workspaceId: wait.workspaceId, registeredBy: run.startedBy }, signature, frame.body, frame.meta.headers);
      }
      await resumeWait(runtime, wait, input.body);
      sendJson(res, 202, { executionId: wait.executionId }, { 'x-omnitron-execution-id': wait.executionId });
    },
  };
}
