import type { MikroORM } from '@mikro-orm/core';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import {
  API_KEY_VERIFY_PATH,
  apiKeyVerifyRequestSchema,
  gatewayRequestOf,
  parseJsonBody,
  readBody,
  sendJson,
  type ApiKeyVerifyResponse,
  type Route,
  type SubgraphDeps,
} from '@omnitron/server-kit';
import { identityServicesOf } from '../services/identity-services';

/**
 * `POST /internal/api-keys/verify {secret}` -> `{caller}`: how the gateway learns who an API key
 * acts as. Answers only requests carrying a valid gateway signature, or made in process by the
 * gateway hosted beside it (`gatewayRequestOf`).
 */
export function apiKeyVerifyRoute(orm: MikroORM, deps: SubgraphDeps): Route {
  return {
    method: 'POST',
    path: API_KEY_VERIFY_PATH,
    handler: async ({ req, res, url }) => {
      gatewayRequestOf(req, url, deps.signingKey, deps.config.SIGNATURE_MAX_AGE_MS);
      const parsed = apiKeyVerifyRequestSchema.safeParse(parseJsonBody(await readBody(req, 4_096)));
      if (!parsed.success) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Body must be {"secret": "<API key>"}');
      const caller = await identityServicesOf(orm).apiKeys.verify(orm.em.fork(), parsed.data.secret);
      const body: ApiKeyVerifyResponse = { caller };
      sendJson(res, 200, body, { 'cache-control': 'no-store' });
    },
  };
}
