import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import type { EngineServices, FlowGraph } from '../../types';

const childFlow: FlowGraph = flowOf(
  [trigger(), node('shout', 'transform', { expression: '$uppercase($item.name)' })],
  [edge('start', 'shout')],
);

describe('map', () => {
  it('runs the child flow once per item with $item bound, keeping item order', async () => {
    let inFlight = 0;
    let peak = 0;
    const services: EngineServices = {
      flows: {
        async runSubflow(req) {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5 - (req.index ?? 0)));
          const child = await runFlow(childFlow, req.input, { item: req.item });
          inFlight--;
          return child.output;
        },
      },
    };
    const flow = flowOf(
      [trigger(), node('each', 'map', { items: '$input.people', flowId: 'child', concurrency: 2 })],
      [edge('start', 'each')],
    );
    const people = [{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }, { name: 'di' }];
    const result = await runFlow(flow, { people }, { services });
    expect(result.output).toEqual(['ADA', 'BOB', 'CY', 'DI']);
    expect(peak).toBe(2);
  });

  it('treats a single value as a one-item list and nothing as an empty one', async () => {
    const services: EngineServices = { flows: { runSubflow: async (req) => req.item } };
    const one = flowOf([trigger(), node('each', 'map', { items: '$input.x', flowId: 'c' })], [edge('start', 'each')]);
    expect((await runFlow(one, { x: 7 }, { services })).output).toEqual([7]);
    expect((await runFlow(one, {}, { services })).output).toEqual([]);
  });

  it('fails with SERVICE_UNAVAILABLE without a flows service', async () => {
    const flow = flowOf([trigger(), node('each', 'map', { items: '[1]', flowId: 'c' })], [edge('start', 'each')]);
    expect((await runFlow(flow, {})).error?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
