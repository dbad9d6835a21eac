import type { Server } from 'node:http';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { InternalHeader, OmnitronError, unauthenticated } from '@omnitron/schema';
import { formatError, requestIdFrom, socketRoute, ValidatedDocuments, verifyCaller, type Caller, type HeaderBag } from '@omnitron/server-kit';
import { executionsContext } from '../context';
import type { ExecutionsRuntime } from '../runtime';

/**
 * What the gateway sends in graphql-ws `connection_init`, and in each `subscribe` message's
 * `extensions`: the same signed headers as on HTTP.
 */
export interface SignedHeaders {
  readonly headers?: HeaderBag;
}

/**
 * Serves `Subscription.executionEvents` over graphql-ws on the subgraph's own HTTP server at
 * /graphql. A connection is accepted only with valid gateway-signed headers in `connectionParams`.
 * The gateway multiplexes every client's subscriptions on one connection, so each operation
 * carries its own signed caller in `extensions.headers`, checked like an HTTP request's headers
 * (an operation without them acts as the connection's caller). Both signatures are verified for
 * the socket's own route, its upgrade request (see `socketRoute`).
 */
export function attachEventsSocket(server: Server, schema: GraphQLSchema, runtime: ExecutionsRuntime): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const callers = new WeakMap<object, Caller | null>();
  const operationCallers = new WeakMap<SubscribePayload, Caller | null>();
  const maxAgeMs = runtime.config.SIGNATURE_MAX_AGE_MS;
  const documents = new ValidatedDocuments(schema, { max: 500 });
  const disposable = useServer<Record<string, unknown>>(
    {
      schema,
      onConnect: (ctx) => {
        const params = ctx.connectionParams as SignedHeaders | undefined;
        try {
          callers.set(ctx.extra.socket, verifyCaller(runtime.signingKey, socketRoute(ctx.extra.request.url ?? '/'), params?.headers ?? {}, maxAgeMs));
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const headers = (payload.extensions as SignedHeaders | undefined)?.headers;
        if (headers) {
          try {
            operationCallers.set(payload, verifyCaller(runtime.signingKey, socketRoute(ctx.extra.request.url ?? '/'), headers, maxAgeMs));
          } catch (error) {
            // Refuses this operation only: the other operations on the socket go on.
            return [error instanceof OmnitronError ? error : unauthenticated('Invalid gateway signature')];
          }
        }
        const document = documents.get(payload.query);
        if (Array.isArray(document)) return document as GraphQLError[];
        return { schema, document: document as DocumentNode, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, _id, payload) => {
        const requestId = requestIdFrom((payload.extensions as SignedHeaders | undefined)?.headers?.[InternalHeader.requestId]);
        const caller = operationCallers.has(payload) ? operationCallers.get(payload)! : (callers.get(ctx.extra.socket) ?? null);
        const base = { caller, requestId, em: runtime.orm.em.fork(), log: runtime.log.child({ requestId }) };
        return executionsContext(base, runtime);
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON())) } : result,
    },
    wss,
  );
  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

