import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';

describe('transform', () => {
  it('evaluates JSONata over the upstream value, $input and $nodes', async () => {
    const flow = flowOf(
      [
        trigger(),
        node('double', 'transform', { expression: 'n * 2' }),
        node('sum', 'transform', { expression: '$ + $input.n + $nodes.double' }),
      ],
      [edge('start', 'double'), edge('double', 'sum')],
    );
    expect((await runFlow(flow, { n: 5 })).output).toBe(25);
  });

  it('fails with an error naming the node and the expression', async () => {
    const flow = flowOf([trigger(), node('bad', 'transform', { expression: '$number("x")' })], [edge('start', 'bad')]);
    const result = await runFlow(flow, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toMatchObject({ code: 'EXPRESSION_ERROR', nodeId: 'bad' });
    expect(result.error?.message).toContain('Node "bad"');
    expect(result.error?.message).toContain('$number("x")');
  });

  it('stops a runaway tail-recursive expression instead of starving the worker', async () => {
    const expression = '($loop := function($n) { $loop($n + 1) }; $loop(0))';
    const flow = flowOf([trigger(), node('spin', 'transform', { expression, timeoutMs: 20 })], [edge('start', 'spin')]);
    const result = await runFlow(flow, {}, { limits: { expressionTimeoutMs: 50 } });
    expect(result.error).toMatchObject({ code: 'EXPRESSION_LIMIT', nodeId: 'spin' });
    expect(result.error?.message).toContain('ran longer than 50 ms');
  });

  it('binds $item when the run is a map child', async () => {
    const flow = flowOf([trigger(), node('t', 'transform', { expression: '$item.name' })], [edge('start', 't')]);
    expect((await runFlow(flow, {}, { item: { name: 'ada' } })).output).toBe('ada');
  });
});
