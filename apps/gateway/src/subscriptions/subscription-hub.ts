import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import type { Caller, LocalSubscriptions, Logger } from '@omnitron/server-kit';
import type { GatewayContext } from '../context';
import { EventResolver } from './event-resolver';
import { formatResult } from './format-result';
import { SharedSubscription } from './shared-subscription';
import type { Subscriber } from './subscriber';
import { printedDocument, type SubscriptionPlanner } from './subscription-planner';
import { InProcessUpstream } from './in-process-upstream';
import { UpstreamConnection, type Upstream } from './upstream-subscription';

export interface SubscriptionHubOptions {
  readonly planner: SubscriptionPlanner;
  /** The gateway's data source for a subgraph (signed, timed), used to resolve each event. */
  readonly dataSource: (subgraph: string) => GraphQLDataSource;
  /** A subgraph's GraphQL URL; its graphql-ws endpoint is the same path. */
  readonly subgraphUrl: (subgraph: string) => string;
  readonly signingKey: string;
  /** Events a shared stream keeps for late joiners. @default 1_000 */
  readonly historyLimit: number;
  /** Ping interval to subgraphs. @default 10_000 */
  readonly upstreamKeepAliveMs?: number;
  /** Subscriptions of subgraphs hosted in this process, subscribed in process instead of over graphql-ws. @default none */
  readonly localSubscriptions?: readonly LocalSubscriptions[];
  readonly log: Logger;
}

export interface SubscribeRequest {
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  /** Coerced variable values. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly caller: Caller | null;
  readonly clientIp?: string;
  readonly subscriber: Subscriber;
}

/**
 * Runs federated subscriptions: plans each, and shares one upstream subscription among every
 * client that asks the same document with the same variables as the same kind of caller (same
 * workspace, role and API-key scopes: what authorization looks at).
 */
export class SubscriptionHub {
  private readonly streams = new Map<string, SharedSubscription>();
  /** One multiplexed graphql-ws connection per subgraph, opened on first use. */
  private readonly connections = new Map<string, Upstream>();
  /** Upstream subscriptions opened since start (tests and metrics read it). */
  upstreamsOpened = 0;
  /** Upstream events resolved since start. */
  eventsResolved = 0;

  constructor(private readonly options: SubscriptionHubOptions) {}

  /** Shared streams running now. */
  get activeStreams(): number {
    return this.streams.size;
  }

  /** Client operations receiving events now, over every stream. */
  get subscriberCount(): number {
    let count = 0;
    for (const stream of this.streams.values()) count += stream.subscriberCount;
    return count;
  }

  /** Joins (or starts) the shared stream for this request. Throws for an operation that cannot be planned. */
  subscribe(request: SubscribeRequest): void {
    const key = sharingKey(request);
    const existing = this.streams.get(key);
    if (existing?.attach(request.subscriber)) return;
    const stream = this.createStream(key, request);
    this.streams.set(key, stream);
    stream.attach(request.subscriber);
  }

  private createStream(key: string, request: SubscribeRequest): SharedSubscription {
    const { planner, log } = this.options;
    const plan = planner.plan(request.document, request.operationName);
    const traceId = randomUUID();
    // A shared stream acts for its first subscriber: same workspace, role and scopes as the rest.
    const context: GatewayContext = { caller: request.caller, clientIp: request.clientIp, requestId: traceId, log: log.child({ traceId, subgraph: plan.subgraph }) };
    const resolver = new EventResolver({
      plan,
      planner,
      variables: request.variables,
      context,
      dataSource: this.options.dataSource,
      // Other subgraphs' parts of an event (the flow, its owner) do not change during a run.
      cacheable: (subgraph) => subgraph !== plan.subgraph,
    });
    const stream: SharedSubscription = new SharedSubscription({
      start: (sink) => {
        this.upstreamsOpened += 1;
        const variables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, request.variables[name]]));
        return this.connectionTo(plan.subgraph).subscribe(
          { caller: request.caller, clientIp: request.clientIp, requestId: traceId, query: plan.primary.operation, variables },
          sink,
        );
      },
      resolve: async (payload): Promise<FormattedExecutionResult> => {
        this.eventsResolved += 1;
        return formatResult(await resolver.resolve(payload), traceId);
      },
      historyLimit: this.options.historyLimit,
      onEnd: () => {
        if (this.streams.get(key) === stream) this.streams.delete(key);
      },
      log: context.log,
    });
    return stream;
  }

  private connectionTo(subgraph: string): Upstream {
    let connection = this.connections.get(subgraph);
    if (!connection) {
      const { signingKey, upstreamKeepAliveMs } = this.options;
      const local = this.options.localSubscriptions?.find((s) => s.name === subgraph);
      connection = local ? new InProcessUpstream(local) : new UpstreamConnection({ subgraph, url: this.options.subgraphUrl(subgraph), signingKey, keepAliveMs: upstreamKeepAliveMs });
      this.connections.set(subgraph, connection);
    }
    return connection;
  }

  /** Ends every stream and closes the upstream sockets (gateway shutdown). */
  close(): void {
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    for (const connection of this.connections.values()) void connection.dispose();
    this.connections.clear();
  }
}

function sharingKey({ caller, document, operationName, variables }: SubscribeRequest): string {
  const who = caller ? `${caller.workspaceId}:${caller.role}:${caller.scopes?.join(',') ?? '*'}` : 'anonymous';
  return `${who}\n${operationName ?? ''}\n${printedDocument(document)}\n${JSON.stringify(variables)}`;
}
