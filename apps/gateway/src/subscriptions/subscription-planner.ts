import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, printSchema, type Operation } from '@apollo/federation-internals';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { buildSchema, getOperationAST, parse, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { OmnitronError, ErrorCode } from '@omnitron/schema';
import type { PlanRunner } from '../execution/plan-runner';
import { compileResponseShaper, type ResponseShaper } from '../execution/response-shaper';
import type { SupergraphModel } from '../execution/supergraph-model';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** A subscription split the way the query planner splits it. */
export interface SubscriptionPlan {
  /** The subgraph that owns the subscription field and streams its events. */
  readonly subgraph: string;
  /** What the gateway subscribes to upstream; its result is each event's starting data. */
  readonly primary: FetchNode;
  /** Fetches resolving the rest of each event (other subgraphs' fields); none when the owner has it all. */
  readonly rest?: PlanNode;
  /**
   * The owner answers exactly the client's selection (no `rest`, no rewrites, the same selection
   * set printed the same): its event data is already the client's result and needs no shaping.
   */
  readonly passThrough: boolean;
  readonly operationContext: OperationContext;
  /** The operation as federation-internals models it (what shaping each event walks). */
  readonly operation: Operation;
  /** Shapes each event's clean data without Apollo's computeResponse (undefined: always Apollo's). */
  readonly shaper?: ResponseShaper;
}

/** Most plans kept; a subscription document is usually one of a handful the studio sends. */
const PLAN_CACHE_SIZE = 200;

const printedDocuments = new WeakMap<DocumentNode, string>();

/**
 * The document printed, once per document object: the validated-documents cache hands every
 * subscription of the same text the same object, and each one is keyed (plan, sharing) by its text.
 */
export function printedDocument(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) {
    text = print(document);
    printedDocuments.set(document, text);
  }
  return text;
}

/**
 * Plans subscription operations over the same supergraph the gateway serves, with the same query
 * planner `@apollo/gateway` uses: `@apollo/gateway` plans subscriptions but does not execute them.
 */
export class SubscriptionPlanner {
  /** The public schema, as graphql-js: clients' documents are validated against it. */
  readonly apiSchema: GraphQLSchema;
  /**
   * The public schema from the CommonJS `graphql` that `@apollo/*` load, only handed back to
   * `@apollo/*` code; our ESM code validates against `apiSchema`, rebuilt from SDL in its own `graphql`.
   */
  private readonly gatewayApiSchema: GraphQLSchema;
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(private readonly supergraph: SupergraphModel) {
    this.gatewayApiSchema = supergraph.apiSchema.toGraphQLJSSchema();
    this.apiSchema = buildSchema(printSchema(supergraph.apiSchema));
  }

  /** Runs each event's plan (its `rest` after the event's data): see EventResolver. */
  get runner(): PlanRunner {
    return this.supergraph.runner;
  }

  /** Plans a validated subscription document; the same document and name reuse one plan. */
  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${printedDocument(document)}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const plan = this.build(document, operationName ?? undefined);
    if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, plan);
    return plan;
  }

  private build(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const operation = operationFromDocument(this.supergraph.apiSchema, document, { operationName, validate: false });
    const node = this.supergraph.planner.buildQueryPlan(operation).node;
    if (node?.kind !== 'Subscription') {
      throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Only subscription operations can be planned as subscriptions');
    }
    const rest = node.rest && !(node.rest.kind === 'Sequence' && node.rest.nodes.length === 0) ? node.rest : undefined;
    return {
      operation,
      shaper: compileResponseShaper(operation),
      subgraph: node.primary.serviceName,
      primary: node.primary,
      rest,
      passThrough: !rest && answersExactly(node.primary, document, operationName),
      operationContext: buildOperationContext({ schema: this.gatewayApiSchema, operationDocument: document, operationName }),
    };
  }
}

/** True when the fetch asks the subgraph for the client operation's very selection set. */
function answersExactly(fetch: FetchNode, document: DocumentNode, operationName: string | undefined): boolean {
  if (fetch.requires?.length || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return false;
  const asked = getOperationAST(document, operationName);
  const sent = getOperationAST(parse(fetch.operation));
  return !!asked && !!sent && print(asked.selectionSet) === print(sent.selectionSet);
}
