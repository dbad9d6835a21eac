import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { InternalHeader } from '@omnitron/schema';
import { signCaller } from '@omnitron/server-kit';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

/** Fetches from one subgraph, signing the caller and forwarding the request id; times each fetch. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    private readonly signingKey: string,
    private readonly metrics: GatewayMetrics,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    const caller = 'caller' in context ? (context as GatewayContext).caller : null;
    const clientIp = 'clientIp' in context ? (context as GatewayContext).clientIp : undefined;
    for (const [name, value] of Object.entries(signCaller(this.signingKey, caller, Date.now(), clientIp))) headers.set(name, value);
    if ('requestId' in context) headers.set(InternalHeader.requestId, (context as GatewayContext).requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const stop = this.metrics.subgraphFetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      return await super.process(options);
    } finally {
      stop();
    }
  }
}
