import { randomUUID } from 'node:crypto';
import type { LocalSubgraph } from '@omnitron/server-kit';
import type { EntityCache } from './entity-cache';
import type { GatewayMetrics } from './metrics';
import { SubgraphDataSource, type AnyContext, type SubgraphAnswer, type SubgraphTransport } from './subgraph-data-source';

/**
 * Calls a subgraph hosted in this process (see server-kit's LocalSubgraph): no socket, no
 * signature, the caller the gateway authenticated handed over as it is. Incoming HTTP headers
 * are not forwarded: the subgraph's executor reads none (over HTTP only its signed header counts).
 */
class InProcessTransport implements SubgraphTransport {
  constructor(
    readonly url: string,
    private readonly subgraph: LocalSubgraph,
  ) {}

  async send(body: string, context: AnyContext): Promise<SubgraphAnswer> {
    // Health checks and schema loads come without a request id; the HTTP app would make one up too.
    const answer = await this.subgraph.execute(body, { caller: context.caller ?? null, clientIp: context.clientIp ?? null, requestId: context.requestId ?? randomUUID() });
    return { ...answer, headers: {} };
  }

  close(): void {
    // nothing kept open
  }
}

/** A subgraph running in this process, reached without HTTP. */
export class InProcessDataSource extends SubgraphDataSource {
  constructor(subgraph: LocalSubgraph, url: string, metrics: GatewayMetrics, entityCache?: EntityCache) {
    super(subgraph.name, new InProcessTransport(url, subgraph), metrics, entityCache);
  }
}
