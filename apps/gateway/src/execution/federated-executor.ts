import type { ServiceMap } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { DocumentNode } from 'graphql';
import type { PlannedOperation, PlanRunner } from './plan-runner';
import { compileResponseShaper } from './response-shaper';
import type { SupergraphModel } from './supergraph-model';

export interface FederatedExecutorOptions {
  /** The supergraph the gateway serves (the one `ApolloGateway` was given). */
  readonly supergraph: SupergraphModel;
  /** The gateway's data source of every subgraph (the same instances `ApolloGateway` uses). */
  readonly services: ServiceMap;
  /** `ApolloGateway`'s own executor: answers what this one does not run. */
  readonly fallback: GatewayExecutor;
}

/**
 * A gateway executor for documents that were already parsed, validated and whose variables coerce
 * (`PreparedOperations` checks all three): it plans each document and operation name once, with the
 * same query planner and supergraph as `ApolloGateway`, keeps the plan with the document, and runs
 * it with `PlanRunner`. A document it cannot plan, or whose plan the runner does not run (`@defer`),
 * goes to `ApolloGateway`'s executor, which answers it (errors included) as before.
 */
export class FederatedExecutor {
  private readonly runner: PlanRunner;
  /** Plans by document (the prepared document object itself), then by operation name. */
  private readonly plans = new WeakMap<DocumentNode, Map<string, PlannedOperation | null>>();

  constructor(private readonly options: FederatedExecutorOptions) {
    this.runner = options.supergraph.runner;
  }

  /** Results shaped by compiled shapers and by Apollo's `computeResponse` (see PlanRunner; counts every user of the supergraph's runner). */
  get shaped(): Readonly<PlanRunner['shaped']> {
    return this.runner.shaped;
  }

  readonly execute: GatewayExecutor = async (requestContext) => {
    const planned = this.plannedFor(requestContext);
    return planned ? this.runner.run(planned, requestContext, this.options.services) : this.options.fallback(requestContext);
  };

  private plannedFor({ document, request }: GatewayGraphQLRequestContext): PlannedOperation | null {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    const name = request.operationName ?? '';
    let planned = byName.get(name);
    if (planned === undefined) byName.set(name, (planned = this.plan(document, request.operationName ?? undefined)));
    return planned;
  }

  private plan(document: DocumentNode, operationName: string | undefined): PlannedOperation | null {
    const { apiSchema, planner } = this.options.supergraph;
    try {
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName }));
      if (!this.runner.runs(plan, this.options.services)) return null;
      // Shaping walks the operation as executeQueryPlan builds it (not validated again).
      const operation = operationFromDocument(apiSchema, document, { operationName, validate: false });
      return { plan, operation, shaper: compileResponseShaper(operation) };
    } catch {
      // Apollo's executor plans it again and answers the failure its own way.
      return null;
    }
  }
}
