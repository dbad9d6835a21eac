import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import type { Caller } from '../caller';
import { parseJsonBody } from '../http/body';
import { errorAnswer } from '../http/error-response';
import type { InternalRoutes } from '../http/internal-routes';
import { inSpan, SpanKind } from '../tracing/tracing';
import type { OperationExecutor } from './operation-executor';
import { unstorableHttpOperation } from './operation-text';

/** Who a call in process is made for: what the signed internal header carries over HTTP. */
export interface LocalCall {
  /** The caller the gateway authenticated (null: anonymous). */
  readonly caller: Caller | null;
  readonly clientIp?: string | null;
  readonly requestId: string;
}

/** A subgraph's answer to one operation, as its `POST /graphql` would send it. */
export interface LocalAnswer {
  readonly status: number;
  readonly statusText: string;
  /** The JSON body, parsed: a fresh object the receiver may change. */
  readonly body: unknown;
}

/**
 * A subgraph reached in process by a host that runs it next to the gateway: the same operation
 * executor, context and checks as its `POST /graphql`, with the caller handed over as a value
 * instead of a signed header. The trust boundary is the process: only code holding this object
 * (the host that created the subgraph) can call it, and it passes on exactly the caller the
 * gateway authenticated. The request and the answer cross as JSON text, as over HTTP, so neither
 * side shares an object with the other (a resolver changing its input, the gateway merging into
 * an answer) and values cross as JSON (no `undefined`, dates as strings).
 */
export interface LocalSubgraph {
  readonly name: string;
  /** Runs the operation in `body` (a GraphQL POST body as JSON text) for `call`. */
  execute(body: string, call: LocalCall): Promise<LocalAnswer>;
  /** Its internal routes (`/internal/...`: webhooks, API-key checks), called in process the same way. */
  readonly routes: InternalRoutes;
}

export interface LocalSubgraphOptions<TContext> {
  readonly name: string;
  readonly executor: OperationExecutor<TContext>;
  readonly log: Logger;
  /** Builds the resolvers' context for a verified caller (the HTTP route's, minus the verification). */
  readonly context: (call: LocalCall, log: Logger) => TContext;
  /** Its HTTP app's routes in process (`HttpApp.inProcess`). */
  readonly routes: InternalRoutes;
}

const IN_PROCESS_SPAN = { kind: SpanKind.SERVER, attributes: { 'http.route': '/graphql', 'omnitron.in_process': true } };

/** The in-process door of a subgraph; see `LocalSubgraph`. */
export function localSubgraph<TContext>(options: LocalSubgraphOptions<TContext>): LocalSubgraph {
  const { executor, log } = options;
  return {
    name: options.name,
    routes: options.routes,
    // The span its POST /graphql gets over HTTP (tracing on), a child of the gateway's fetch.
    execute: (text, call) => inSpan(options.name, 'POST /graphql', IN_PROCESS_SPAN, async () => {
      const requestLog = log.child({ requestId: call.requestId });
      const started = performance.now();
      let answer: { status: number; body: unknown };
      try {
        const body = parseJsonBody(Buffer.from(text));
        const unstorable = unstorableHttpOperation({ method: 'POST', body, search: '' });
        if (unstorable) throw unstorable;
        answer = await executor.run(body, options.context(call, requestLog), requestLog);
      } catch (error) {
        // As the HTTP app answers a thrown error (coded ones as they are, anything else INTERNAL, logged).
        if (!(error instanceof Error && 'extensions' in error)) requestLog.error({ err: error }, 'request failed');
        answer = errorAnswer(error);
      }
      // The line its HTTP app writes for each request, so a request id is followed through the subgraphs either way.
      requestLog.info({ status: answer.status, ms: Math.round((performance.now() - started) * 100) / 100 }, 'request in process');
      return { status: answer.status, statusText: STATUS_CODES[answer.status] ?? '', body: JSON.parse(JSON.stringify(answer.body)) as unknown };
    }),
  };
}

/**
 * The internal routes of a subgraph hosted in this process, found when called: `subgraph` answers
 * undefined until it has started, and a call before then fails as one to a process not yet
 * listening would.
 */
export function lateRoutes(subgraph: () => LocalSubgraph | undefined): InternalRoutes {
  return {
    post: async (request) => {
      const local = subgraph();
      if (!local) throw new Error('the subgraph has not started');
      return local.routes.post(request);
    },
  };
}
