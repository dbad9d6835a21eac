import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { parseJsonBody, readBody } from '../http/body';
import { sendCompressible } from '../http/compression';
import { sendJson } from '../http/error-response';
import type { HttpRequestInfo, Route } from '../http/http-app';
import type { OperationExecutor } from './operation-executor';
import { unstorableHttpOperation } from './operation-text';

/** A complete GraphQL answer over HTTP. */
export interface GraphqlHttpAnswer {
  readonly status: number;
  readonly headers: Iterable<[string, string]>;
  readonly body: string;
}

/** What Apollo Server reads of an HTTP request. */
export interface GraphqlHttpRequest {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  /** The parsed JSON body of a POST. */
  readonly body: unknown;
  /** The URL's query string (a GET carries its operation there). */
  readonly search: string;
}

export interface GraphqlRouteOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  readonly maxBodyBytes: number;
  /** Builds the per-request context; may throw a coded error (e.g. UNAUTHENTICATED). */
  readonly context: (request: HttpRequestInfo) => Promise<TContext>;
  /**
   * Answers the requests it can answer exactly as Apollo Server would, more cheaply; undefined
   * hands the request to Apollo Server.
   */
  readonly shortcut?: (request: { method: string; headers: IncomingMessage['headers']; body: unknown }, context: TContext) => Promise<GraphqlHttpAnswer | undefined>;
  /**
   * Refuses a request (throws a coded error) before anything parses its operation, after the
   * context is built (so a refused request has paid its rate limit).
   */
  readonly refuse?: (request: GraphqlHttpRequest) => void;
  /**
   * Answers of at least this many bytes go out gzip- or brotli-compressed when the client accepts
   * it (the public gateway); unset sends every answer as it is (subgraphs, called by the gateway).
   */
  readonly compressAbove?: number;
  readonly path?: string;
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) map.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

/** Serves an Apollo Server on our router: body limit first, then Apollo's own HTTP handling. */
export function graphqlRoute<TContext extends BaseContext>(options: GraphqlRouteOptions<TContext>): Route {
  return {
    path: options.path ?? '/graphql',
    handler: async (request) => {
      const { req, res, url } = request;
      const body = req.method === 'POST' ? parseJsonBody(await readBody(req, options.maxBodyBytes)) : undefined;
      const context = await options.context(request);
      const method = req.method ?? 'GET';
      options.refuse?.({ method, headers: req.headers, body, search: url.search });
      const unstorable = unstorableHttpOperation({ method, body, search: url.search });
      if (unstorable) throw unstorable;
      const answered = options.shortcut && (await options.shortcut({ method, headers: req.headers, body }, context));
      if (answered && options.compressAbove !== undefined) return sendCompressible(req, res, answered, options.compressAbove);
      if (answered) {
        for (const [key, value] of answered.headers) res.setHeader(key, value);
        res.statusCode = answered.status;
        res.end(answered.body);
        return;
      }
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers: headerMapOf(req), search: url.search, body },
        context: async () => context,
      });
      if (response.body.kind === 'complete' && options.compressAbove !== undefined) {
        return sendCompressible(req, res, { status: response.status ?? 200, headers: response.headers, body: response.body.string }, options.compressAbove);
      }
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    },
  };
}

export interface ExecutorRouteOptions<TContext> {
  readonly executor: OperationExecutor<TContext>;
  readonly maxBodyBytes: number;
  /** Builds the per-request context; may throw a coded error (e.g. UNAUTHENTICATED). */
  readonly context: (request: HttpRequestInfo) => Promise<TContext>;
  readonly path?: string;
}

const JSON_TYPE = /^application\/(?:graphql-response\+)?json\b/i;

/**
 * Serves an `OperationExecutor` as GraphQL over HTTP, POST with a JSON body only: a JSON content
 * type cannot be sent cross-site without a preflight, so this is also the CSRF guard.
 */
export function executorRoute<TContext>(options: ExecutorRouteOptions<TContext>): Route {
  return {
    path: options.path ?? '/graphql',
    handler: async (request) => {
      const { req, res } = request;
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'GraphQL is served over POST here', { allow: 'POST' });
      }
      if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
        throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'POST body missing, invalid Content-Type, or JSON object has no keys.');
      }
      const body = parseJsonBody(await readBody(req, options.maxBodyBytes));
      const context = await options.context(request);
      const unstorable = unstorableHttpOperation({ method: 'POST', body, search: '' });
      if (unstorable) throw unstorable;
      const answer = await options.executor.run(body, context, request.log);
      sendJson(res, answer.status, answer.body);
    },
  };
}
