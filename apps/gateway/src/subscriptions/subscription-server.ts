import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLDataSource } from '@apollo/gateway';
import {
  getOperationAST,
  getVariableValues,
  specifiedRules,
  type GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, OmnitronError, unauthenticated } from '@omnitron/schema';
import { costRefusal, operationLimitRules, unstorableOperationText, ValidatedDocuments, type Caller, type Logger, type OperationLimits } from '@omnitron/server-kit';
import type { Authenticator } from '../auth/authenticate';
import type { GatewayContext } from '../context';
import { SubscriptionCloseCode } from './close-codes';
import { credentialFrom, socketAuthentication } from './connection-credential';
import { formatErrors, formatResult } from './format-result';
import { SocketSession } from './socket-session';
import { Subscriber, type SubscriberLimits } from './subscriber';
import { SubscriptionHub, type SubscriptionHubOptions } from './subscription-hub';
import { registerSubscriptionMetrics } from './subscription-metrics';
import { SubscriptionPlanner } from './subscription-planner';
import type { SupergraphModel } from '../execution/supergraph-model';

export interface SubscriptionLimits extends SubscriberLimits {
  /** Events a shared stream keeps so late joiners miss nothing. @default 1_000 */
  readonly historyLimit: number;
  /** How often a socket's credential is checked again (revocations). 0 = never. @default 60_000 */
  readonly recheckCredentialsEveryMs: number;
  /** Server pings; a client that misses a pong for this long is dropped. @default 12_000 */
  readonly keepAliveMs: number;
  /** Pings to subgraphs; a subgraph silent for half of it ends its streams. @default 10_000 */
  readonly upstreamKeepAliveMs: number;
}

export const defaultSubscriptionLimits: SubscriptionLimits = {
  maxQueuedEvents: 5_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  historyLimit: 1_000,
  recheckCredentialsEveryMs: 60_000,
  keepAliveMs: 12_000,
  upstreamKeepAliveMs: 10_000,
};

export interface OperationRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

export interface SubscriptionServerOptions {
  /** The gateway's HTTP server; graphql-ws takes its upgrade requests on `path`. */
  readonly server: Server;
  /** @default /graphql */
  readonly path?: string;
  /** The supergraph the gateway serves, modelled once (shared with the query path). */
  readonly supergraph: SupergraphModel;
  readonly authenticator: Authenticator;
  readonly dataSource: (subgraph: string) => GraphQLDataSource;
  readonly subgraphUrl: (subgraph: string) => string;
  readonly signingKey: string;
  /** Subscriptions of subgraphs hosted in this process (see SubscriptionHubOptions). @default none */
  readonly localSubscriptions?: SubscriptionHubOptions['localSubscriptions'];
  /** How much one operation may ask for, as over HTTP (MAX_QUERY_DEPTH, MAX_ALIASES, ...). */
  readonly operationLimits: OperationLimits;
  readonly maxPayloadBytes: number;
  /** The public client's address of an upgrade request. @default the socket's peer address */
  readonly clientIp?: (request: IncomingMessage) => string;
  /**
   * Spends one request of the caller's budget (the HTTP path's rate limit); throws RATE_LIMITED
   * when it is used up. Called for each connection attempt and each operation.
   */
  readonly spendBudget?: (caller: Caller | null, clientIp: string) => Promise<void>;
  /** Runs a query or mutation sent over the socket through the gateway's normal path. */
  readonly executeOperation?: (request: OperationRequest, context: GatewayContext) => Promise<FormattedExecutionResult>;
  readonly limits?: Partial<SubscriptionLimits>;
  /** Where the subscription gauges and counters are registered (the gateway's /metrics). */
  readonly registry?: Registry;
  readonly log: Logger;
}

export interface SubscriptionServer {
  readonly hub: SubscriptionHub;
  readonly sockets: ReadonlySet<WebSocket>;
  close(): Promise<void>;
}

type SocketContext = Context<Record<string, unknown>, Extra>;

/** What each operation on a socket executes with. */
interface OperationContext extends GatewayContext {
  readonly socket: WebSocket;
  /** The variables as the client sent them (queries and mutations go to Apollo uncoerced). */
  readonly rawVariables: Record<string, unknown>;
}

/** How a refused connection is closed, by the error's code. */
const closeCodeOf: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: SubscriptionCloseCode.Unauthorized,
  FORBIDDEN: CloseCode.Forbidden,
  RATE_LIMITED: SubscriptionCloseCode.TooManyRequests,
};

/** A syntax or validation error as VALIDATION_FAILED, keeping what it says of a limit (`limit`, `maximum`, `found`). */
function asValidationFailure(error: GraphQLError): OmnitronError {
  const { code: _code, ...details } = error.extensions;
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, error.message, details);
}

/** Reasons in close frames are limited to 123 bytes. */
const closeReason = (text: string): string => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 119)}...`);

/**
 * graphql-ws on the gateway's `/graphql`: authenticates each connection from `connectionParams`
 * with the HTTP path's Authenticator, runs subscriptions through the SubscriptionHub (planned
 * over the supergraph, one upstream per shared stream), and queries and mutations through the
 * normal gateway path.
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const limits: SubscriptionLimits = { ...defaultSubscriptionLimits, ...options.limits };
  const { log, authenticator } = options;
  const path = options.path ?? '/graphql';
  const planner = new SubscriptionPlanner(options.supergraph);
  const hub = new SubscriptionHub({ planner, dataSource: options.dataSource, subgraphUrl: options.subgraphUrl, signingKey: options.signingKey, localSubscriptions: options.localSubscriptions, historyLimit: limits.historyLimit, upstreamKeepAliveMs: limits.upstreamKeepAliveMs, log });
  const sessions = new WeakMap<WebSocket, SocketSession>();
  const documents = new ValidatedDocuments(planner.apiSchema, { rules: [...specifiedRules, ...operationLimitRules(options.operationLimits)], limits: options.operationLimits });
  const spend = async (caller: Caller | null, clientIp: string): Promise<void> => options.spendBudget?.(caller, clientIp);
  const traceIdOf = (ctx: SocketContext, id: string): string => sessions.get(ctx.extra.socket)?.traceIds.get(id) ?? randomUUID();

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const metrics = options.registry ? registerSubscriptionMetrics(options.registry, hub, wss.clients) : undefined;
  const subscriberOptions = { ...limits, onSlowConsumer: () => metrics?.slowConsumers.inc() };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) {
      // Another route may take it; refuse only when nobody else listens for upgrades.
      if (options.server.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  const serving = useServer<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const clientIp = options.clientIp?.(request) ?? request.socket.remoteAddress ?? 'unknown';
        try {
          const credential = credentialFrom(ctx.connectionParams);
          if (credential === undefined) throw unauthenticated('Send connectionParams { authorization: "Bearer <token>" } to connect');
          let authenticated: ReturnType<typeof socketAuthentication>;
          try {
            authenticated = socketAuthentication(await authenticator.authenticate(credential), credential);
          } catch (error) {
            // Failed credentials spend the client IP's budget, so guessing keys is throttled too.
            await spend(null, clientIp);
            throw error;
          }
          const { caller, expiresAt } = authenticated;
          if (!caller) throw unauthenticated('Invalid or expired credentials');
          await spend(caller, clientIp);
          const session = new SocketSession(socket, credential, caller, clientIp, log);
          sessions.set(socket, session);
          session.watch(authenticator, expiresAt, limits.recheckCredentialsEveryMs);
          return true;
        } catch (error) {
          const known = error instanceof OmnitronError;
          if (!known) log.error({ err: error }, 'authenticating a socket failed');
          const code = known ? (closeCodeOf[error.code] ?? CloseCode.InternalServerError) : CloseCode.InternalServerError;
          socket.close(code, closeReason(known ? error.message : 'Could not check credentials'));
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const session = sessions.get(ctx.extra.socket);
        try {
          await spend(session?.caller ?? null, session?.clientIp ?? 'unknown');
        } catch (error) {
          if (error instanceof OmnitronError) return [error];
          throw error;
        }
        return prepareOperation(ctx, id, payload);
      },
      subscribe: (args) => startSubscription(args),
      execute: (args) => executeOperation(args),
      onNext: (ctx, id, _payload, _args, result) => formatResult(result, traceIdOf(ctx, id)),
      onError: (ctx, id, _payload, errors) => {
        // An error ends the operation; onComplete does not always follow (refused operations).
        const formatted = formatErrors(errors, traceIdOf(ctx, id));
        sessions.get(ctx.extra.socket)?.traceIds.delete(id);
        return formatted;
      },
      onComplete: (ctx, id) => {
        sessions.get(ctx.extra.socket)?.traceIds.delete(id);
      },
      onClose: (ctx) => {
        sessions.get(ctx.extra.socket)?.dispose();
        sessions.delete(ctx.extra.socket);
      },
    },
    wss,
    limits.keepAliveMs,
  );

  function prepareOperation(ctx: SocketContext, id: string, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const session = sessions.get(ctx.extra.socket);
    if (!session) return [unauthenticated()];
    const traceId = randomUUID();
    session.traceIds.set(id, traceId);
    const document = documents.get(payload.query);
    if (!('kind' in document)) return document.map(asValidationFailure);
    const unstorable = unstorableOperationText(payload.query, payload.variables);
    if (unstorable) return [unstorable];
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Name the operation to run')];
    const coerced = getVariableValues(planner.apiSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
    if (coerced.errors) return coerced.errors.map((e) => new OmnitronError(ErrorCode.VALIDATION_FAILED, e.message));
    // Queries and mutations are admitted again by Apollo Server's path (which charges mutations to the budget).
    const tooCostly = costRefusal(planner.apiSchema, document, operation, coerced.coerced, options.operationLimits);
    if (tooCostly) return [tooCostly];
    const contextValue: OperationContext = { caller: session.caller, clientIp: session.clientIp, requestId: traceId, log: log.child({ traceId }), socket: ctx.extra.socket, rawVariables: payload.variables ?? {} };
    return { schema: planner.apiSchema, document, operationName: payload.operationName, variableValues: coerced.coerced, contextValue };
  }

  // Results here are already formatted (plain errors); onNext passes them on unchanged, so the
  // casts to graphql-ws's ExecutionResult type below are only about its declared types.
  function startSubscription(args: ExecutionArgs): AsyncIterable<ExecutionResult> | ExecutionResult {
    const context = args.contextValue as OperationContext;
    const subscriber = new Subscriber(context.socket, subscriberOptions);
    try {
      hub.subscribe({ document: args.document, operationName: args.operationName, variables: args.variableValues ?? {}, caller: context.caller, clientIp: context.clientIp, subscriber });
    } catch (error) {
      context.log.error({ err: error }, 'planning a subscription failed');
      return { errors: [error instanceof OmnitronError ? error : new OmnitronError(ErrorCode.INTERNAL, 'Internal error')] };
    }
    return subscriber.queue as AsyncIterable<unknown> as AsyncIterable<ExecutionResult>;
  }

  async function executeOperation(args: ExecutionArgs): Promise<ExecutionResult> {
    const context = args.contextValue as OperationContext;
    if (!options.executeOperation) {
      return { errors: [new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Send queries and mutations over HTTP')] };
    }
    const { socket: _socket, rawVariables, ...gatewayContext } = context;
    const request = { query: args.document.loc?.source.body ?? '', variables: rawVariables, operationName: args.operationName ?? undefined };
    return (await options.executeOperation(request, gatewayContext)) as ExecutionResult;
  }

  return {
    hub,
    sockets: wss.clients,
    close: async () => {
      options.server.off('upgrade', onUpgrade);
      // Sockets first, with 1001 "Going away": clients must not read the end of the gateway as
      // the end of their streams (a `complete`); graphql-ws clients reconnect on 1001.
      await serving.dispose();
      hub.close();
    },
  };
}
