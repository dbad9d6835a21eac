import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';

describe('output', () => {
  it("marks the execution's output even when other nodes settle later", async () => {
    const flow = flowOf(
      [
        trigger(),
        node('result', 'output', { expression: '{"total": $input.n * 10}' }),
        node('later', 'delay', { ms: 10 }),
      ],
      [edge('start', 'result'), edge('start', 'later')],
    );
    expect((await runFlow(flow, { n: 4 })).output).toEqual({ total: 40 });
  });

  it('passes its input through without an expression', async () => {
    const flow = flowOf([trigger(), node('a', 'transform', { expression: '7' }), node('result', 'output')], [edge('start', 'a'), edge('a', 'result')]);
    expect((await runFlow(flow, {})).output).toBe(7);
  });

  it('yields null when the output node was skipped', async () => {
    const flow = flowOf(
      [trigger(), node('check', 'condition', { expression: 'false' }), node('result', 'output')],
      [edge('start', 'check'), edge('check', 'result', 'true')],
    );
    const result = await runFlow(flow, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toBeNull();
  });
});
