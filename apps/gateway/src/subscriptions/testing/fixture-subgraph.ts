import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { routeOf, socketRoute, verifyCaller, type Caller } from '@omnitron/server-kit';

/**
 * `buildSubgraphSchema` (CommonJS) builds its schema with the CommonJS `graphql`; it must be
 * executed by the same copy, not by the ESM one our imports resolve to.
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface FixtureContext {
  readonly caller: Caller | null;
}

const SIGNATURE_MAX_AGE_MS = 30_000;

async function bodyOf(req: IncomingMessage): Promise<{ query: string; variables?: Record<string, unknown>; operationName?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A small real subgraph for tests: a graphql-js schema served over HTTP (queries, `_entities`)
 * and graphql-ws (subscriptions) on `/graphql`, trusting only the gateway's signed header.
 * It can stop and start again on the same port, like a restarted subgraph.
 */
export class FixtureSubgraph {
  /** HTTP GraphQL requests answered. */
  httpRequests = 0;
  /** graphql-ws connections accepted. */
  connections = 0;
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;
  private frozen = false;

  constructor(
    readonly name: string,
    readonly schema: GraphQLSchema,
    private readonly signingKey: string,
  ) {}

  /** graphql-ws sockets open now. */
  get openSockets(): number {
    return this.wss?.clients.size ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<string> {
    this.frozen = false;
    const http = createServer((req, res) => void this.answer(req, res.writeHead.bind(res), res.end.bind(res)));
    const wss = new WebSocketServer({ server: http, path: '/graphql' });
    wss.on('connection', (socket) => {
      if (this.frozen) pauseSocket(socket);
    });
    const operationCallers = new WeakMap<SubscribePayload, Caller | null>();
    useServer<{ headers?: Record<string, string> }>(
      {
        schema: this.schema,
        parse: graphql.parse,
        validate: graphql.validate,
        execute: graphql.execute,
        subscribe: graphql.subscribe,
        onConnect: (ctx) => {
          try {
            verifyCaller(this.signingKey, socketRoute(ctx.extra.request.url ?? '/'), ctx.connectionParams?.headers ?? {}, SIGNATURE_MAX_AGE_MS);
            this.connections += 1;
            return true;
          } catch {
            return false;
          }
        },
        // The gateway multiplexes every caller on one socket: each operation carries its own
        // signed headers in `extensions.headers`, checked here like an HTTP request's.
        onSubscribe: (ctx, _id, payload) => {
          const headers = (payload.extensions as { headers?: Record<string, string> } | undefined)?.headers;
          if (!headers) return;
          try {
            operationCallers.set(payload, verifyCaller(this.signingKey, socketRoute(ctx.extra.request.url ?? '/'), headers, SIGNATURE_MAX_AGE_MS));
          } catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError('Invalid gateway signature')];
          }
        },
        context: (ctx, _id, payload): FixtureContext => ({
          caller: operationCallers.has(payload)
            ? operationCallers.get(payload)!
            : verifyCaller(this.signingKey, socketRoute(ctx.extra.request.url ?? '/'), ctx.connectionParams?.headers ?? {}, SIGNATURE_MAX_AGE_MS),
        }),
      },
      wss,
    );
    await new Promise<void>((resolve) => http.listen(this.port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.wss = wss;
    return this.url;
  }

  /**
   * Stops reading from its graphql-ws sockets, like a hung host: nothing is answered, nothing
   * closes. Sockets opened afterwards are accepted and then never read (a hang mid-handshake).
   */
  freeze(): void {
    this.frozen = true;
    for (const socket of this.wss?.clients ?? []) pauseSocket(socket);
  }

  /** Stops abruptly, as a crashed or redeployed subgraph would: open sockets are cut. */
  async stop(): Promise<void> {
    for (const socket of this.wss?.clients ?? []) socket.terminate();
    this.wss?.close();
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
    this.http = undefined;
    this.wss = undefined;
  }

  private async answer(req: IncomingMessage, head: (status: number, headers: Record<string, string>) => void, end: (body: string) => void): Promise<void> {
    const json = { 'content-type': 'application/json' };
    let caller: Caller | null;
    try {
      caller = verifyCaller(this.signingKey, routeOf(req.method ?? 'GET', req.url ?? '/'), req.headers, SIGNATURE_MAX_AGE_MS);
    } catch {
      head(401, json);
      end(JSON.stringify({ errors: [{ message: 'unsigned', extensions: { code: 'UNAUTHENTICATED' } }] }));
      return;
    }
    this.httpRequests += 1;
    const { query, variables, operationName } = await bodyOf(req);
    const result = await graphql.execute({ schema: this.schema, document: graphql.parse(query), variableValues: variables, operationName, contextValue: { caller } });
    head(200, json);
    end(JSON.stringify(result));
  }
}

/** Stops reading a ws socket's TCP stream, so its peer's messages are never received. */
function pauseSocket(socket: WebSocket): void {
  (socket as unknown as { _socket: { pause(): void } })._socket.pause();
}
