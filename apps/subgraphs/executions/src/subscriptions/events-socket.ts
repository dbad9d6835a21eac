import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { formatError, verifyCaller, type Caller, type HeaderBag } from '@omnitron/server-kit';
import { executionsContext } from '../context';
import type { ExecutionsRuntime } from '../runtime';

/** What the gateway sends in graphql-ws `connection_init`: the same signed headers as on HTTP. */
export interface EventsConnectionParams {
  readonly headers?: HeaderBag;
}

/**
 * Serves `Subscription.executionEvents` over graphql-ws on the subgraph's own HTTP server at
 * /graphql. A connection is accepted only with valid gateway-signed headers in `connectionParams`.
 */
export function attachEventsSocket(server: Server, schema: GraphQLSchema, runtime: ExecutionsRuntime): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const callers = new WeakMap<object, Caller | null>();
  const disposable = useServer<Record<string, unknown>>(
    {
      schema,
      onConnect: (ctx) => {
        const params = ctx.connectionParams as EventsConnectionParams | undefined;
        try {
          callers.set(ctx.extra.socket, verifyCaller(runtime.signingKey, params?.headers ?? {}, runtime.config.SIGNATURE_MAX_AGE_MS));
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      context: (ctx) => {
        const requestId = randomUUID();
        const base = { caller: callers.get(ctx.extra.socket) ?? null, requestId, em: runtime.orm.em.fork(), log: runtime.log.child({ requestId }) };
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
