import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../context';
import type { PlannedOperation } from '../execution/plan-runner';
import { CachedDataSource } from './cached-data-source';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner';

/** Service name under which each event's primary data enters the plan; no subgraph is named so. */
const EVENT_SOURCE = '__subscription_event__';

export interface EventResolverOptions {
  readonly plan: SubscriptionPlan;
  readonly planner: SubscriptionPlanner;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  /** The gateway's own data source for a subgraph (signed, timed): the normal federated path. */
  readonly dataSource: (subgraph: string) => GraphQLDataSource;
  /** Subgraphs whose answers may be cached for the life of the subscription. */
  readonly cacheable: (subgraph: string) => boolean;
}

/**
 * Turns each upstream event (the primary fetch's data) into the full result the client asked for,
 * by running the plan's `rest` with the gateway's PlanRunner (executeQueryPlan's semantics): the
 * event is fed in as the answer of the primary fetch, then the other subgraphs' fields are fetched
 * and the response is shaped (aliases, `__typename`, nullability) exactly as for a query.
 */
export class EventResolver {
  private readonly planned: PlannedOperation;
  private readonly services: ServiceMap;

  constructor(private readonly options: EventResolverOptions) {
    const source: FetchNode = { ...options.plan.primary, serviceName: EVENT_SOURCE };
    const plan: QueryPlan = {
      kind: 'QueryPlan',
      node: options.plan.rest ? { kind: 'Sequence', nodes: [source, options.plan.rest] } : source,
    };
    this.planned = { plan, operation: options.plan.operation, shaper: options.plan.shaper };
    this.services = Object.fromEntries([...subgraphsOf(options.plan.rest)].map((name) => [name, this.sourceFor(name)]));
  }

  private sourceFor(subgraph: string): GraphQLDataSource {
    const source = this.options.dataSource(subgraph);
    return this.options.cacheable(subgraph) ? new CachedDataSource(source) : source;
  }

  async resolve(upstream: FormattedExecutionResult): Promise<ExecutionResult | FormattedExecutionResult> {
    // The owner answered exactly what the client asked (see SubscriptionPlan.passThrough).
    if (this.options.plan.passThrough) return { data: upstream.data, ...(upstream.errors ? { errors: upstream.errors } : {}) };
    const { plan, planner, variables, context } = this.options;
    const event: GraphQLDataSource = { process: async () => ({ data: upstream.data, errors: upstream.errors }) };
    const services: ServiceMap = { ...this.services, [EVENT_SOURCE]: event };
    const requestContext = {
      request: { variables: { ...variables }, operationName: plan.operationContext.operation.name?.value },
      context,
      logger: context.log,
      metrics: {},
      operation: plan.operationContext.operation,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    return (await planner.runner.run(this.planned, requestContext, services)) as ExecutionResult;
  }
}

/** Every subgraph a plan fetches from. */
function subgraphsOf(node: PlanNode | undefined, into = new Set<string>()): Set<string> {
  if (!node) return into;
  switch (node.kind) {
    case 'Fetch':
      into.add(node.serviceName);
      break;
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) subgraphsOf(child, into);
      break;
    case 'Flatten':
      subgraphsOf(node.node, into);
      break;
    case 'Condition':
      subgraphsOf(node.ifClause, into);
      subgraphsOf(node.elseClause, into);
      break;
    case 'Defer':
      subgraphsOf(node.primary.node, into);
      for (const deferred of node.deferred) subgraphsOf(deferred.node, into);
      break;
  }
  return into;
}
