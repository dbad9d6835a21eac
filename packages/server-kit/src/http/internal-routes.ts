import type { IncomingMessage, RequestListener } from 'node:http';
import { InternalHeader } from '@omnitron/schema';
import { routeOf, signCaller, verifyGatewayRequest, type Caller, type GatewayRequest } from '../caller';
import { injectTraceHeaders } from '../tracing/tracing';
import { inMemoryExchange } from './in-memory-exchange';

/** One POST to a subgraph's internal route (`/internal/...`), made for `caller`. */
export interface InternalRequest {
  /** The URL path as sent (percent-encoded), e.g. `/internal/webhooks/orders%2Fnew`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer | string;
  /** Who the call is made for (null: anonymous). */
  readonly caller: Caller | null;
  readonly requestId: string;
  /**
   * Over HTTP, how long to wait for the answer. A call in process runs the route to its end: its
   * own limits (say, the webhook's WEBHOOK_WAIT_MS) bound it, and there is no connection to lose.
   * @default 5_000
   */
  readonly timeoutMs?: number;
}

/** The route's answer: an error status is an answer too. */
export interface InternalAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * A subgraph's internal routes as another role reaches them: over HTTP with the gateway's signed
 * header when the subgraph runs elsewhere (`signedInternalRoutes`), or in process when a host runs
 * it beside the caller (`HttpApp.inProcess`). Either way the same route handler answers.
 */
export interface InternalRoutes {
  /** Rejects only when the subgraph cannot be reached or does not answer in time. */
  post(request: InternalRequest): Promise<InternalAnswer>;
}

/** The internal routes of the subgraph at `subgraphUrl` (its `/graphql` URL is fine), each call signed for its one route. */
export function signedInternalRoutes(subgraphUrl: string, signingKey: string): InternalRoutes {
  const origin = new URL(subgraphUrl).origin;
  return {
    post: async (request) => {
      const target = `${origin}${request.path}`;
      const headers: Record<string, string> = { 'content-type': request.contentType, [InternalHeader.requestId]: request.requestId, ...signCaller(signingKey, routeOf('POST', target), request.caller) };
      injectTraceHeaders(headers);
      const response = await fetch(target, {
        method: 'POST',
        headers,
        // The DOM typings (the e2e workspace) want an ArrayBuffer-backed view; a Buffer read from a request is one.
        body: typeof request.body === 'string' ? request.body : (request.body as Uint8Array<ArrayBuffer>),
        redirect: 'error',
        signal: AbortSignal.timeout(request.timeoutMs ?? 5_000),
      });
      const answered: Record<string, string> = {};
      response.headers.forEach((value, name) => (answered[name] = value));
      // fetch has already decoded whatever content coding the subgraph used.
      return { status: response.status, headers: answered, body: Buffer.from(await response.arrayBuffer()) };
    },
  };
}

/**
 * Requests made in process (see `inProcessRoutes`) and who they are made for. Only that function
 * adds to it, for request objects it creates: nothing a socket delivers is ever in it.
 */
const inProcessCalls = new WeakMap<IncomingMessage, GatewayRequest>();

/** Whether `req` was made in process by a host, not received on a socket. */
export function isInProcess(req: IncomingMessage): boolean {
  return inProcessCalls.has(req);
}

/**
 * Who a request on an internal route is made for: the caller handed over as a value when another
 * role of this process called it (`inProcessRoutes`; the trust boundary is the process), otherwise
 * the gateway's signed header, good for this route only. Throws UNAUTHENTICATED like `verifyCaller`.
 */
export function gatewayRequestOf(req: IncomingMessage, url: URL, signingKey: string, maxAgeMs: number): GatewayRequest {
  return inProcessCalls.get(req) ?? verifyGatewayRequest(signingKey, routeOf(req.method ?? 'POST', url), req.headers, maxAgeMs);
}

/**
 * The routes `listener` serves, called in process: a request and a response object in memory
 * (`inMemoryExchange`) instead of a socket, no signature, the caller passed as a value. The
 * request carries the headers and body bytes the HTTP caller would send, and the answer is the
 * status, headers and bytes the route wrote, so the route runs the code it runs over HTTP; what
 * is skipped is rendering and parsing HTTP/1.1 on both sides.
 */
export function inProcessRoutes(listener: RequestListener): InternalRoutes {
  return {
    post: async (request) => {
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      const headers = { 'content-type': request.contentType, 'content-length': String(body.length), [InternalHeader.requestId]: request.requestId };
      const { req, res, answer } = inMemoryExchange('POST', request.path, headers, body);
      inProcessCalls.set(req, { caller: request.caller, clientIp: null });
      listener(req, res);
      return answer;
    },
  };
}
