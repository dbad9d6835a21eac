import { ErrorCode, InternalHeader, OmnitronError, internalWebhookPath, isWebhookPath } from '@omnitron/schema';
import { readBody, routeOf, sendCompressible, sendJson, signCaller, type Route } from '@omnitron/server-kit';

export interface WebhookRouteOptions {
  /** The executions subgraph's GraphQL URL; its internal webhook route sits beside it. */
  readonly executionsUrl: string;
  readonly signingKey: string;
  readonly maxBodyBytes: number;
  /** Longer than the executions subgraph's WEBHOOK_WAIT_MS, so it answers 202 before we give up. */
  readonly timeoutMs: number;
  /** Answers of at least this many bytes are compressed for a client that accepts it. @default never */
  readonly compressAbove?: number;
}

/** Never handed to a flow: credentials and hop-by-hop headers. */
const WITHHELD_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

function bodyOf(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString('utf8');
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

const PUBLIC_PREFIX = '/webhooks/';

/**
 * The webhook path of a request target exactly as the client sent it (`req.url`, before any
 * normalisation: `a/../b` must not become `b`, nor `a\b` become `a/b`), or undefined when it is not one.
 */
export function webhookPathOfTarget(target: string | undefined): string | undefined {
  if (!target?.startsWith(PUBLIC_PREFIX)) return undefined;
  const query = target.indexOf('?');
  const path = target.slice(PUBLIC_PREFIX.length, query === -1 ? undefined : query);
  return isWebhookPath(path) ? path : undefined;
}

/**
 * `POST /webhooks/<path>`: public and anonymous (the path is the secret). Forwards the request's
 * body, headers and query to the executions subgraph, signed as an anonymous caller, and relays
 * its answer: 200 with the flow output, 202 `{executionId}`, or a coded error.
 *
 * The path is an opaque name in the one webhook grammar (`isWebhookPath`); anything else answers
 * 404 before the body is read. It travels as one encoded segment of the executions subgraph's fixed
 * internal route, and the signature is made fresh for that one route, so it is good for nothing
 * but starting this webhook again.
 */
export function webhookRoute(options: WebhookRouteOptions): Route {
  const executionsOrigin = new URL(options.executionsUrl).origin;
  return {
    method: 'POST',
    path: '/webhooks/*',
    handler: async ({ req, res, url, requestId }) => {
      const path = webhookPathOfTarget(req.url);
      if (path === undefined) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No webhook at this path');
      const raw = await readBody(req, options.maxBodyBytes);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !WITHHELD_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const forwarded = {
        body: bodyOf(raw, req.headers['content-type']),
        headers,
        query: Object.fromEntries(url.searchParams),
      };
      const target = `${executionsOrigin}${internalWebhookPath(path)}`;
      let upstream: Response;
      try {
        upstream = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [InternalHeader.requestId]: requestId, ...signCaller(options.signingKey, routeOf('POST', target), null) },
          body: JSON.stringify(forwarded),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch {
        return sendJson(res, 502, { errors: [{ message: 'The executions service is not reachable', extensions: { code: 'INTERNAL', traceId: requestId } }] });
      }
      const executionId = upstream.headers.get('x-omnitron-execution-id');
      const answerHeaders = {
        'content-type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        ...(executionId ? { 'x-omnitron-execution-id': executionId } : {}),
      };
      // fetch has already decoded whatever coding the executions service used.
      const body = Buffer.from(await upstream.arrayBuffer());
      await sendCompressible(req, res, { status: upstream.status, headers: answerHeaders, body }, options.compressAbove ?? Number.POSITIVE_INFINITY);
    },
  };
}
