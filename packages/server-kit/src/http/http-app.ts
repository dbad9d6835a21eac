import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { unredactedLog } from '../logger';
import { InternalHeader, notFound } from '@omnitron/schema';
import { sendError, sendJson } from './error-response';
import { inProcessRoutes, isInProcess, type InternalRoutes } from './internal-routes';
import { requestIdFrom, runInRequestScope } from './request-context';
import { serveInSpan } from '../tracing/tracing';

export interface HttpRequestInfo {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly requestId: string;
  readonly log: Logger;
}

export type RouteHandler = (request: HttpRequestInfo) => Promise<void> | void;

export interface Route {
  readonly method?: string;
  /** Exact path, or a prefix when it ends with `/*`. */
  readonly path: string;
  readonly handler: RouteHandler;
}

export interface HttpApp {
  readonly server: Server;
  /** The same routes called in process by another role of this process (see `inProcessRoutes`). */
  readonly inProcess: InternalRoutes;
  /** Listens on host:port (port 0 = any free port) and resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

function matches(route: Route, method: string, path: string): boolean {
  if (route.method && route.method !== method) return false;
  return route.path.endsWith('/*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

/**
 * A small router on node:http: request ids, structured access logs, coded errors for anything
 * thrown, and (tracing on) a span per request of `role`.
 */
export function createHttpApp(routes: readonly Route[], log: Logger, role?: string): HttpApp {
  // Access lines hold only the fields below: nothing to redact.
  const accessLog = unredactedLog(log);
  const listener: RequestListener = (req, res) => {
    const requestId = requestIdFrom(req.headers[InternalHeader.requestId]);
    res.setHeader(InternalHeader.requestId, requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find((r) => matches(r, req.method ?? 'GET', url.pathname));
    // The request's child logger is made when a handler first logs: most never do, and a child costs ~1 % of a webhook call.
    let requestLog: Logger | undefined;
    const requestLogOf = (): Logger => (requestLog ??= log.child({ requestId }));
    const started = performance.now();
    res.once('finish', () => {
      const ms = Math.round((performance.now() - started) * 100) / 100;
      // A request made in process says so, as a subgraph's GraphQL in process does (`LocalSubgraph`).
      const message = isInProcess(req) ? 'request in process' : 'request';
      // The same line as the child's: its binding, then the fields.
      const fields = { method: req.method, path: url.pathname, status: res.statusCode, ms };
      if (requestLog) requestLog.info(fields, message);
      else accessLog.info({ requestId, ...fields }, message);
    });
    const info: HttpRequestInfo = {
      req,
      res,
      url,
      requestId,
      get log() {
        return requestLogOf();
      },
    };
    runInRequestScope({ requestId }, () =>
      serveInSpan(role, req, res, route?.path, async () => {
        try {
          if (!route) throw notFound(`${url.pathname}`);
          await route.handler(info);
        } catch (error) {
          if (!(error instanceof Error && 'extensions' in error)) requestLogOf().error({ err: error }, 'request failed');
          sendError(res, error);
        }
      }),
    );
  };
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  return {
    server,
    inProcess: inProcessRoutes(listener),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** `/health/live` answers while the process runs; `/health/ready` when `ready()` holds. */
export function healthRoutes(ready: () => Promise<Record<string, boolean>>): Route[] {
  return [
    { method: 'GET', path: '/health/live', handler: ({ res }) => sendJson(res, 200, { status: 'live' }) },
    {
      method: 'GET',
      path: '/health/ready',
      handler: async ({ res }) => {
        const checks = await ready();
        const ok = Object.values(checks).every(Boolean);
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks });
      },
    },
  ];
}
