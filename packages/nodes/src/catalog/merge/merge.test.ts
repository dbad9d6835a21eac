import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';

describe('merge', () => {
  it('waits for every inbound branch and keys their outputs by source node id', async () => {
    const flow = flowOf(
      [
        trigger(),
        node('slow', 'delay', { ms: 10 }),
        node('a', 'transform', { expression: '1' }),
        node('b', 'transform', { expression: '2' }),
        node('join', 'merge'),
      ],
      [edge('start', 'slow'), edge('slow', 'a'), edge('start', 'b'), edge('a', 'join'), edge('b', 'join')],
    );
    const result = await runFlow(flow, {});
    expect(result.output).toEqual({ a: 1, b: 2 });
  });

  it('waits only for branches that were not skipped', async () => {
    const flow = flowOf(
      [
        trigger(),
        node('check', 'condition', { expression: 'false' }),
        node('never', 'transform', { expression: '"never"' }),
        node('always', 'transform', { expression: '"always"' }),
        node('join', 'merge'),
      ],
      [edge('start', 'check'), edge('check', 'never', 'true'), edge('start', 'always'), edge('never', 'join'), edge('always', 'join')],
    );
    const result = await runFlow(flow, {});
    expect(result.nodeRuns.never?.status).toBe('SKIPPED');
    expect(result.nodeRuns.join?.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ always: 'always' });
  });
});
