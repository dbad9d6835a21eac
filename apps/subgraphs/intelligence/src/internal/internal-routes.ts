import type { MikroORM } from '@mikro-orm/core';
import { parseJsonBody, readBody, sendJson, type HttpRequestInfo, type Route, type SubgraphDeps } from '@omnitron/server-kit';
import type { IntelligenceServices } from '../services/intelligence-services';
import { generateRequestSchema, parseInput } from '../services/provider-input';
import { indexRequestSchema } from '../search/flow-document';
import { recordNodeTimings, nodeTimingsSchema } from '../analysis/node-timings';
import { internalCaller, type InternalAuth } from './internal-caller';

async function jsonBody(request: HttpRequestInfo, limit: number): Promise<unknown> {
  return parseJsonBody(await readBody(request.req, limit));
}

/** Aborts when the caller hangs up, so an abandoned call stops trying providers. */
function abortOnHangUp(request: HttpRequestInfo): AbortSignal {
  const controller = new AbortController();
  request.res.once('close', () => {
    if (!request.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Signed internal routes of the intelligence subgraph (see README: "Internal routes"). */
export function internalRoutes(orm: MikroORM, deps: SubgraphDeps, services: () => IntelligenceServices): Route[] {
  const auth: InternalAuth = { signingKey: deps.signingKey, maxAgeMs: deps.config.SIGNATURE_MAX_AGE_MS };
  const limit = deps.config.MAX_BODY_BYTES;
  return [
    {
      method: 'POST',
      path: '/internal/ai/generate',
      handler: async (request) => {
        const caller = internalCaller(request, auth, 'editor', ['ai:write', 'executions:run']);
        const body = parseInput(generateRequestSchema, await jsonBody(request, limit));
        const result = await services().router.generate(caller.workspaceId, body, abortOnHangUp(request));
        sendJson(request.res, 200, result);
      },
    },
    {
      method: 'POST',
      path: '/internal/search/index',
      handler: async (request) => {
        const caller = internalCaller(request, auth, 'editor', ['flows:write']);
        const body = parseInput(indexRequestSchema, await jsonBody(request, limit));
        await services().search.index(orm.em.fork(), caller.workspaceId, body);
        sendJson(request.res, 200, { ok: true });
      },
    },
    {
      method: 'POST',
      path: '/internal/stats/node-runs',
      handler: async (request) => {
        const caller = internalCaller(request, auth, 'editor', ['executions:run']);
        const body = parseInput(nodeTimingsSchema, await jsonBody(request, limit));
        await recordNodeTimings(orm.em.fork(), caller.workspaceId, body);
        sendJson(request.res, 200, { ok: true });
      },
    },
  ];
}
