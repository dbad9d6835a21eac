import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { inSpan, SpanKind } from '@omnitron/server-kit';
import type { GatewayContext } from './context';
import type { EntityCache } from './entity-cache';
import { distinctRepresentations } from './entity-representations';
import type { GatewayMetrics } from './metrics';

/** What a context may carry; health checks and schema loads come without a GatewayContext. */
export type AnyContext = Partial<GatewayContext>;

/** A subgraph's answer to one fetch, however it travelled. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** How one data source reaches its subgraph: signed HTTP (`SignedDataSource`) or in process (`InProcessDataSource`). */
export interface SubgraphTransport {
  /** The subgraph's GraphQL URL, named in errors. */
  readonly url: string;
  /** Sends one operation (a POST body as JSON text) for the context's caller. */
  send(body: string, context: AnyContext, headers: Iterable<[string, string]> | undefined): Promise<SubgraphAnswer>;
  close(): void;
}

/**
 * Fetches from one subgraph through a transport and times each fetch. Answers the way Apollo's
 * RemoteGraphQLDataSource does (non-2xx -> GraphQLError "status: text" with `extensions.response`,
 * 401/403 coded; a subgraph's cache-control restricts the response's cache policy), whichever way
 * the fetch travelled. An `_entities` fetch sends each distinct representation once (see
 * entity-representations), and one the subgraph's `EntityCache` can answer whole is not sent at all.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    private readonly transport: SubgraphTransport,
    private readonly metrics: GatewayMetrics,
    private readonly entityCache?: EntityCache,
  ) {}

  get url(): string {
    return this.transport.url;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const stop = this.metrics.subgraphFetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const { http, ...operation } = request;
      const context = options.context as AnyContext;
      // Distinct representations first: the cache is asked (and fed) once per distinct entity, not per occurrence.
      const distinct = distinctRepresentations(operation.variables);
      const variables = distinct ? distinct.variables : operation.variables;
      const cacheKeys = this.entityCache?.keysOf(request.query, variables, Boolean(context.caller));
      const cached = cacheKeys && this.entityCache!.answer(cacheKeys);
      if (cached) return distinct ? distinct.expand(cached) : cached;
      const sent = distinct ? { ...operation, variables } : operation;
      // Tracing on: a CLIENT span per fetch, the subgraph's request span its child (in process or over HTTP).
      const answer = await inSpan('gateway', `fetch ${this.subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'omnitron.subgraph': this.subgraph } }, () =>
        this.transport.send(JSON.stringify(sent), context, http?.headers),
      );
      if (answer.status < 200 || answer.status > 299) throw this.errorFrom(answer);
      if (answer.body === null || typeof answer.body !== 'object' || Array.isArray(answer.body)) {
        throw new Error(`Expected JSON response body, but received: ${String(answer.body)}`);
      }
      if ('incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, answer.headers['cache-control']);
      const body = answer.body as GatewayGraphQLResponse;
      if (cacheKeys) this.entityCache!.keep(cacheKeys, body);
      return distinct ? distinct.expand(body) : body;
    } finally {
      stop();
    }
  }

  /** Closes what the transport keeps open (kept-alive connections). */
  close(): void {
    this.transport.close();
  }

  private errorFrom(answer: SubgraphAnswer): GraphQLError {
    const extensions: Record<string, unknown> = {
      response: { url: this.url, status: answer.status, statusText: answer.statusText, body: answer.body },
    };
    if (answer.status === 401) extensions.code = 'UNAUTHENTICATED';
    else if (answer.status === 403) extensions.code = 'FORBIDDEN';
    return new GraphQLError(`${answer.status}: ${answer.statusText}`, { extensions });
  }
}

/** A subgraph's `cache-control` caps the whole response's cache policy (none = not cacheable). */
function restrictCachePolicy(policy: GatewayGraphQLRequestContext['overallCachePolicy'] | undefined, header: string | undefined): void {
  if (!policy || !('restrict' in policy)) return;
  const directives = new Map((header ?? '').split(',').map((part) => part.trim().split('=') as [string, string | undefined]));
  const maxAge = directives.get('max-age');
  const scope = directives.has('private') ? 'PRIVATE' : directives.has('public') ? 'PUBLIC' : undefined;
  policy.restrict({ maxAge: maxAge && /^\d+$/.test(maxAge) ? Number(maxAge) : 0, ...(scope ? { scope } : {}) });
}
