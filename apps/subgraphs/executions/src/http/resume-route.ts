import { INTERNAL_WEBHOOK_RESUME_PREFIX } from '@omnitron/schema';
import { sendJson, type Route } from '@omnitron/server-kit';
import type { ExecutionsRuntime } from '../runtime';
import { resumeByToken } from '../services/resolve-wait';
import { readForwarded, storableInputOf } from './webhook-route';

/**
 * The internal route behind `/webhooks-resume/<token>` (forwarded by the gateway's webhook door
 * like `/webhooks/<path>`): a POST resumes the `wait` node whose resume URL it is, its parsed body
 * becoming the node's output, and answers 202 `{executionId}`. Another method is 405; an unknown
 * token 404; a second call, or one after the wait timed out or its run ended, 409 CONFLICT.
 */
export function resumeRoute(runtime: ExecutionsRuntime): Route {
  return {
    method: 'POST',
    path: `${INTERNAL_WEBHOOK_RESUME_PREFIX}*`,
    handler: async ({ req, res, url }) => {
      const { path: token, frame } = await readForwarded(runtime, req, url, INTERNAL_WEBHOOK_RESUME_PREFIX);
      if (frame.meta.method !== 'POST') {
        const error = { message: 'A resume URL accepts POST', extensions: { code: 'VALIDATION_FAILED', field: 'method' } };
        return sendJson(res, 405, { errors: [error] }, { allow: 'POST' });
      }
      const input = await storableInputOf(frame);
      const executionId = await resumeByToken(runtime, token, input.body);
      sendJson(res, 202, { executionId }, { 'x-omnitron-execution-id': executionId });
    },
  };
}
