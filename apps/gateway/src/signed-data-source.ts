import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { InternalHeader } from '@omnitron/schema';
import { CallerSigner, JsonClient, routeOf, type JsonAnswer, type SignedRoute } from '@omnitron/server-kit';
import type { GatewayContext } from './context';
import type { EntityCache } from './entity-cache';
import { distinctRepresentations } from './entity-representations';
import type { GatewayMetrics } from './metrics';

/** What a context may carry; health checks and schema loads come without a GatewayContext. */
type AnyContext = Partial<GatewayContext>;

/**
 * Fetches from one subgraph, signing the caller and forwarding the request id; times each fetch.
 * Answers the way Apollo's RemoteGraphQLDataSource does (non-2xx -> GraphQLError "status: text"
 * with `extensions.response`, 401/403 coded; a subgraph's cache-control restricts the response's
 * cache policy), over a lean keep-alive client instead of make-fetch-happen. An `_entities` fetch
 * sends each distinct representation once (see entity-representations), and one the subgraph's
 * `EntityCache` can answer whole is not sent at all.
 */
export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly client: JsonClient;
  /** Every fetch is a POST to the subgraph's one GraphQL URL: the route its signatures are good for. */
  private readonly route: SignedRoute;

  constructor(
    readonly subgraph: string,
    url: string,
    private readonly signer: CallerSigner,
    private readonly metrics: GatewayMetrics,
    timeoutMs?: number,
    private readonly entityCache?: EntityCache,
  ) {
    this.client = new JsonClient({ url, timeoutMs });
    this.route = routeOf('POST', url);
  }

  get url(): string {
    return this.client.href;
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
      const answer = await this.client.post(JSON.stringify(sent), this.headersFor(context, http?.headers));
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

  /** Closes kept-alive connections to the subgraph. */
  close(): void {
    this.client.close();
  }

  private headersFor(context: AnyContext, extra: Iterable<[string, string]> | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    if (extra) for (const [name, value] of extra) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    Object.assign(headers, this.signer.headersFor(this.route, context.caller ?? null, context.clientIp));
    if (context.requestId !== undefined) headers[InternalHeader.requestId] = context.requestId;
    return headers;
  }

  private errorFrom(answer: JsonAnswer): GraphQLError {
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
