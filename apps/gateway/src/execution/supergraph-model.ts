import { Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { PlanRunner } from './plan-runner';

/**
 * The supergraph the gateway serves, modelled once for planning and running operations: queries
 * and mutations (FederatedExecutor) and subscriptions (SubscriptionPlanner) share it. Building it
 * takes 75-170 ms, so a gateway builds it once.
 */
export class SupergraphModel {
  /** The public schema, as federation-internals models it (what operations are read against). */
  readonly apiSchema: Schema;
  /** The query planner `@apollo/gateway` uses, over this supergraph. */
  readonly planner: QueryPlanner;
  /** Runs this supergraph's plans (see PlanRunner). */
  readonly runner: PlanRunner;

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.planner = new QueryPlanner(supergraph);
    this.runner = new PlanRunner(supergraph.schema.toGraphQLJSSchema());
  }
}
