import { InternalHeader } from '@omnitron/schema';
import { readBody, sendJson, signCaller, type Route } from '@omnitron/server-kit';

export interface WebhookRouteOptions {
  /** The executions subgraph's GraphQL URL; its internal webhook route sits beside it. */
  readonly executionsUrl: string;
  readonly signingKey: string;
  readonly maxBodyBytes: number;
  /** Longer than the executions subgraph's WEBHOOK_WAIT_MS, so it answers 202 before we give up. */
  readonly timeoutMs: number;
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

/**
 * `POST /webhooks/<path>`: public and anonymous (the path is the secret). Forwards the request's
 * body, headers and query to the executions subgraph, signed as an anonymous caller, and relays
 * its answer: 200 with the flow output, 202 `{executionId}`, or a coded error.
 */
export function webhookRoute(options: WebhookRouteOptions): Route {
  const internalBase = new URL('/internal/webhooks/', options.executionsUrl);
  return {
    method: 'POST',
    path: '/webhooks/*',
    handler: async ({ req, res, url, requestId }) => {
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
      const path = url.pathname.slice('/webhooks/'.length);
      let upstream: Response;
      try {
        upstream = await fetch(new URL(path, internalBase), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [InternalHeader.requestId]: requestId, ...signCaller(options.signingKey, null) },
          body: JSON.stringify(forwarded),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch {
        return sendJson(res, 502, { errors: [{ message: 'The executions service is not reachable', extensions: { code: 'INTERNAL', traceId: requestId } }] });
      }
      const executionId = upstream.headers.get('x-omnitron-execution-id');
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
        ...(executionId ? { 'x-omnitron-execution-id': executionId } : {}),
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    },
  };
}
