import { createRequire } from 'node:module';
import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { formatError } from './format-error';
import type { LocalCall } from './local-subgraph';
import type { ValidatedDocuments } from './validated-documents';

/** graphql's CommonJS entry, the copy the schemas are built with (see operation-executor). */
const { getOperationAST, subscribe } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** One subscription operation, as graphql-ws's `subscribe` message carries it. */
export interface LocalSubscribeRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

/** What a subscriber is told, in the order and shapes a graphql-ws client would be. */
export interface LocalSubscriptionSink {
  next(result: FormattedExecutionResult): void;
  /** Refused before it started (graphql-ws `error` message): syntax, validation, no operation. */
  error(errors: readonly GraphQLFormattedError[]): void;
  complete(): void;
}

/**
 * A subgraph's graphql-ws subscriptions reached in process by a host running the gateway next to
 * it: the same documents, context and formatting as its socket, the caller handed over as a value
 * instead of signed headers (the trust boundary is the process, as for `LocalSubgraph`).
 */
export interface LocalSubscriptions {
  readonly name: string;
  /** Starts the operation for `call`; returns the function that ends it. */
  subscribe(request: LocalSubscribeRequest, call: LocalCall, sink: LocalSubscriptionSink): () => void;
}

export interface LocalSubscriptionsOptions<TContext> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  /** The socket's own validated documents. */
  readonly documents: ValidatedDocuments;
  readonly context: (call: LocalCall) => TContext;
  readonly log: Logger;
}

/** Crosses as JSON, as over the socket: no object is shared between subgraph and gateway. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Each result's errors formatted as the socket's `onNext` formats them. */
const formatted = (result: ExecutionResult): FormattedExecutionResult =>
  asJson(result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON())) } : result) as FormattedExecutionResult;

/**
 * The in-process door of a subgraph's subscriptions, following graphql-ws's server: a refused
 * document is one `error`; a subscription that fails to start is one `next` with its errors, then
 * `complete`; otherwise each event is a `next` until the stream ends (`complete`) or is ended.
 */
export function localSubscriptions<TContext>(options: LocalSubscriptionsOptions<TContext>): LocalSubscriptions {
  const { schema, documents } = options;
  return {
    name: options.name,
    subscribe: (request, call, sink) => {
      let ended = false;
      let stream: AsyncIterator<ExecutionResult> | undefined;
      const run = async () => {
        // As the request line of `LocalSubgraph`: a stream is followed through the roles by its request id.
        options.log.info({ requestId: call.requestId }, 'subscription in process');
        const document = documents.get(request.query);
        if (Array.isArray(document)) return sink.error(asJson(document as readonly GraphQLFormattedError[]));
        if (!getOperationAST(document as never, request.operationName)) return sink.error([{ message: 'Unable to identify operation' }]);
        const result = await subscribe({ schema, document: document as never, operationName: request.operationName, variableValues: request.variables, contextValue: options.context(call) });
        if (!(Symbol.asyncIterator in result)) {
          if (!ended) sink.next(formatted(result));
        } else {
          stream = result[Symbol.asyncIterator]();
          if (ended) return void stream.return?.();
          for (let step = await stream.next(); !step.done && !ended; step = await stream.next()) sink.next(formatted(step.value));
        }
        if (!ended) sink.complete();
        ended = true;
      };
      run().catch((error: unknown) => {
        // As a socket closing on an internal error: the subscriber hears the subgraph went away.
        options.log.error({ err: error, requestId: call.requestId }, 'in-process subscription failed');
        if (!ended) sink.error([]);
        ended = true;
      });
      return () => {
        if (ended) return;
        ended = true;
        void stream?.return?.();
      };
    },
  };
}
