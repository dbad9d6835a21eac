import { InternalHeader } from '@omnitron/schema';
import { CallerSigner, JsonClient, routeOf, type SignedRoute } from '@omnitron/server-kit';
import type { EntityCache } from './entity-cache';
import type { GatewayMetrics } from './metrics';
import { SubgraphDataSource, type AnyContext, type SubgraphAnswer, type SubgraphTransport } from './subgraph-data-source';

/** POSTs to a subgraph's GraphQL URL over a lean keep-alive client, signing the caller and forwarding the request id. */
class SignedHttpTransport implements SubgraphTransport {
  private readonly client: JsonClient;
  /** Every fetch is a POST to the subgraph's one GraphQL URL: the route its signatures are good for. */
  private readonly route: SignedRoute;

  constructor(
    url: string,
    private readonly signer: CallerSigner,
    timeoutMs?: number,
  ) {
    this.client = new JsonClient({ url, timeoutMs });
    this.route = routeOf('POST', url);
  }

  get url(): string {
    return this.client.href;
  }

  send(body: string, context: AnyContext, extra: Iterable<[string, string]> | undefined): Promise<SubgraphAnswer> {
    const headers: Record<string, string> = {};
    if (extra) for (const [name, value] of extra) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    Object.assign(headers, this.signer.headersFor(this.route, context.caller ?? null, context.clientIp));
    if (context.requestId !== undefined) headers[InternalHeader.requestId] = context.requestId;
    return this.client.post(body, headers);
  }

  close(): void {
    this.client.close();
  }
}

/** A subgraph in another process: fetched over HTTP with the caller in the signed internal header. */
export class SignedDataSource extends SubgraphDataSource {
  constructor(subgraph: string, url: string, signer: CallerSigner, metrics: GatewayMetrics, timeoutMs?: number, entityCache?: EntityCache) {
    super(subgraph, new SignedHttpTransport(url, signer, timeoutMs), metrics, entityCache);
  }
}
