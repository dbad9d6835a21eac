import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { PlanNode } from '@apollo/query-planner';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { SupergraphModel } from '../execution/supergraph-model';
import { SubscriptionPlanner } from './subscription-planner';

function fetchesOf(node: PlanNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    case 'Flatten':
      return fetchesOf(node.node);
    default:
      return [];
  }
}

describe('SubscriptionPlanner over the real supergraph', () => {
  const planner = new SubscriptionPlanner(new SupergraphModel(loadSupergraphSdl()));

  it('subscribes to executions and resolves the flow and its owner from flows and identity', () => {
    const plan = planner.plan(
      parse(`subscription($id: ID!, $after: Int) {
        executionEvents(executionId: $id, afterSeq: $after) { seq type execution { status flow { name owner { email } } } }
      }`),
    );
    expect(plan.subgraph).toBe('executions');
    expect(plan.primary.operation).toContain('executionEvents(executionId:$id afterSeq:$after){seq type execution{status flow{__typename id}}}');
    expect(plan.primary.variableUsages?.sort()).toEqual(['after', 'id']);
    expect(fetchesOf(plan.rest)).toEqual(['flows', 'identity']);
  });

  it('needs no further fetch when the executions subgraph has every field', () => {
    const plan = planner.plan(parse('subscription { executionEvents(executionId: "x") { seq execution { id status } } }'));
    expect(plan.rest).toBeUndefined();
  });

  it("passes the owner's events through unshaped only when it answers exactly the client's selection", () => {
    const exact = planner.plan(parse('subscription($id: ID!, $after: Int) { executionEvents(executionId: $id, afterSeq: $after) { seq type at: nodeId } }'));
    expect(exact.passThrough).toBe(true);
    const federated = planner.plan(parse('subscription($id: ID!) { executionEvents(executionId: $id) { seq execution { flow { name } } } }'));
    expect(federated.passThrough).toBe(false);
  });

  it('reuses the plan of a document it has seen', () => {
    const document = parse('subscription S { executionEvents(executionId: "x") { seq } }');
    expect(planner.plan(document, 'S')).toBe(planner.plan(parse('subscription S { executionEvents(executionId: "x") { seq } }'), 'S'));
  });

  it('refuses to plan a query as a subscription', () => {
    expect(() => planner.plan(parse('{ executionsStatus { ready } }'))).toThrow(/Only subscription operations/);
  });
});
