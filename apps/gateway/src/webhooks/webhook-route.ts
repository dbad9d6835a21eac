import { encodeForwardedWebhook, ErrorCode, FORWARDED_WEBHOOK_TYPE, INTERNAL_WEBHOOK_PREFIX, INTERNAL_WEBHOOK_RESUME_PREFIX, INTERNAL_WEBHOOK_TEST_PREFIX, OmnitronError, internalWebhookPath, isWebhookPath } from '@omnitron/schema';
import { readBody, sendCompressible, sendJson, type InternalAnswer, type InternalRoutes, type Route } from '@omnitron/server-kit';
import type { WebhookBudget } from './webhook-budget';

export interface WebhookRouteOptions {
  /**
   * The executions subgraph's internal routes: signed HTTP (`signedInternalRoutes`), or in process
   * when executions runs in this process (its `LocalSubgraph.routes`).
   */
  readonly executions: InternalRoutes;
  readonly maxBodyBytes: number;
  /** Over HTTP: longer than the executions subgraph's WEBHOOK_WAIT_MS, so it answers 202 before we give up. */
  readonly timeoutMs: number;
  /** Answers of at least this many bytes are compressed for a client that accepts it. @default never */
  readonly compressAbove?: number;
  /** Rate budgets (see webhook-budget.ts). @default none */
  readonly budget?: WebhookBudget;
  /** Serve the test URLs (`/webhooks-test/<path>`, captured while someone listens in the studio) instead of the production ones. @default false */
  readonly test?: boolean;
  /** Serve the resume URLs of waiting runs (`/webhooks-resume/<token>`, see the `wait` node) instead. @default false */
  readonly resume?: boolean;
}

/** Never handed to a flow: credentials and hop-by-hop headers. */
const WITHHELD_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

/** Methods a webhook trigger can allow; which ones a path accepts is the executions subgraph's answer (405). */
const WEBHOOK_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/** Never relayed from the executions answer: framing (we send our own) and what we set ourselves. */
const UNRELAYED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'server', 'set-cookie', 'content-security-policy', 'vary']);

/**
 * Sent with every webhook answer: a flow's answer (its `respond` node picks the content type) is
 * served from the studio's origin, so it is sandboxed to an opaque origin and never sniffed.
 */
const ANSWER_POLICY = { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' };

const PUBLIC_PREFIX = '/webhooks/';
const PUBLIC_TEST_PREFIX = '/webhooks-test/';
const PUBLIC_RESUME_PREFIX = '/webhooks-resume/';

/**
 * The webhook path of a request target exactly as the client sent it (`req.url`, before any
 * normalisation: `a/../b` must not become `b`, nor `a\b` become `a/b`), or undefined when it is not one.
 */
export function webhookPathOfTarget(target: string | undefined, prefix = PUBLIC_PREFIX): string | undefined {
  if (!target?.startsWith(prefix)) return undefined;
  const query = target.indexOf('?');
  const path = target.slice(prefix.length, query === -1 ? undefined : query);
  return isWebhookPath(path) ? path : undefined;
}

/**
 * `/webhooks/<path>` with GET, POST, PUT, PATCH, DELETE or HEAD: public and anonymous (the path is
 * the secret, or a signature the trigger checks). Forwards the method, headers, query and the body's
 * bytes as received (`encodeForwardedWebhook`) to the executions subgraph's internal route for an
 * anonymous caller (signed over HTTP, a value in process), and relays its answer: the flow's output or what its `respond` node set, 202
 * `{executionId}`, 405 for a method the trigger does not allow, or a coded error.
 *
 * The path is an opaque name in the one webhook grammar (`isWebhookPath`); anything else answers
 * 404 before the body is read. It travels as one encoded segment of the executions subgraph's fixed
 * internal route, and over HTTP the signature is made fresh for that one route, so it is good for
 * nothing but starting this webhook again.
 */
export function webhookRoute(options: WebhookRouteOptions): Route {
  const [publicPrefix, internalPrefix] = options.resume
    ? [PUBLIC_RESUME_PREFIX, INTERNAL_WEBHOOK_RESUME_PREFIX]
    : options.test
      ? [PUBLIC_TEST_PREFIX, INTERNAL_WEBHOOK_TEST_PREFIX]
      : [PUBLIC_PREFIX, INTERNAL_WEBHOOK_PREFIX];
  return {
    path: `${publicPrefix}*`,
    handler: async ({ req, res, url, requestId }) => {
      const path = webhookPathOfTarget(req.url, publicPrefix);
      if (path === undefined) {
        await options.budget?.missed(req);
        throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
      }
      const method = req.method ?? 'GET';
      if (!WEBHOOK_METHODS.has(method)) {
        return sendJson(res, 405, { errors: [{ message: 'Webhooks accept GET, POST, PUT, PATCH, DELETE and HEAD', extensions: { code: 'VALIDATION_FAILED', field: 'method', traceId: requestId } }] }, { allow: [...WEBHOOK_METHODS].join(', ') });
      }
      await options.budget?.admit(options.resume ? `resume:${path}` : options.test ? `test:${path}` : path, req, res);
      const raw = await readBody(req, options.maxBodyBytes);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !WITHHELD_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const forwarded = encodeForwardedWebhook({ method, headers, query: Object.fromEntries(url.searchParams) }, raw);
      let upstream: InternalAnswer;
      try {
        upstream = await options.executions.post({
          path: internalWebhookPath(path, internalPrefix),
          contentType: FORWARDED_WEBHOOK_TYPE,
          body: forwarded,
          caller: null,
          requestId,
          timeoutMs: options.timeoutMs,
        });
      } catch {
        return sendJson(res, 502, { errors: [{ message: 'The executions service is not reachable', extensions: { code: 'INTERNAL', traceId: requestId } }] });
      }
      if (upstream.status === 404) await options.budget?.missed(req);
      const answerHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(upstream.headers)) if (!UNRELAYED_HEADERS.has(name)) answerHeaders[name] = value;
      Object.assign(answerHeaders, ANSWER_POLICY);
      // An approval page at a resume URL posts its form back to itself: still an opaque origin, forms allowed.
      if (options.resume) answerHeaders['content-security-policy'] = 'sandbox allow-forms';
      await sendCompressible(req, res, { status: upstream.status, headers: answerHeaders, body: upstream.body }, options.compressAbove ?? Number.POSITIVE_INFINITY);
    },
  };
}
