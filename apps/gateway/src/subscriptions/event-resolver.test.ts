import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { createLogger } from '@omnitron/server-kit';
import { EventResolver } from './event-resolver';
import { SupergraphModel } from '../execution/supergraph-model';
import { SubscriptionPlanner } from './subscription-planner';

describe('EventResolver', () => {
  const planner = new SubscriptionPlanner(new SupergraphModel(loadSupergraphSdl()));
  const log = createLogger('event-resolver-test', 'silent');
  const resolverFor = (query: string, passThrough?: boolean) => {
    const plan = planner.plan(parse(query));
    return new EventResolver({
      plan: passThrough === undefined ? plan : { ...plan, passThrough },
      planner,
      variables: { id: 'e1' },
      context: { caller: null, requestId: 'r1', log },
      dataSource: () => {
        throw new Error('no other subgraph is asked for these fields');
      },
      cacheable: () => false,
    });
  };

  it('gives the same result passing an exact answer through as shaping it with the query plan', async () => {
    const query = 'subscription($id: ID!) { executionEvents(executionId: $id) { seq kind: type nodeId data at } }';
    const upstream = { data: { executionEvents: { seq: 3, kind: 'NODE_SUCCEEDED', nodeId: null, data: { record: { nodeId: 'a' } }, at: '2026-01-01T00:00:00.000Z' } } };
    expect(planner.plan(parse(query)).passThrough).toBe(true);
    const passed = await resolverFor(query).resolve(upstream);
    const shaped = await resolverFor(query, false).resolve(upstream);
    expect(passed).toEqual(JSON.parse(JSON.stringify(shaped)));
  });
});
