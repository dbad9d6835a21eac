import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import { jsonataTruthy } from './definition';

const branching = flowOf(
  [
    trigger(),
    node('check', 'condition', { expression: '$input.amount > 100' }),
    node('big', 'transform', { expression: '"big"' }),
    node('small', 'transform', { expression: '"small"' }),
  ],
  [edge('start', 'check'), edge('check', 'big', 'true'), edge('check', 'small', 'false')],
);

describe('condition', () => {
  it('takes the true handle and skips the false branch', async () => {
    const result = await runFlow(branching, { amount: 500 });
    expect(result.nodeRuns.check).toMatchObject({ status: 'SUCCEEDED', handle: 'true' });
    expect(result.nodeRuns.big?.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.small?.status).toBe('SKIPPED');
    expect(result.output).toBe('big');
  });

  it('takes the false handle and skips the true branch', async () => {
    const result = await runFlow(branching, { amount: 5 });
    expect(result.nodeRuns.check?.handle).toBe('false');
    expect(result.nodeRuns.big?.status).toBe('SKIPPED');
    expect(result.output).toBe('small');
  });

  it('passes its input through', async () => {
    const result = await runFlow(branching, { amount: 5 });
    expect(result.nodeRuns.check?.output).toEqual({ amount: 5 });
  });

  it('reads values as booleans the way JSONata does', () => {
    expect([0, '', [], {}, null, undefined, false].map(jsonataTruthy)).toEqual(Array(7).fill(false));
    expect([1, 'a', [0, 1], { a: 1 }, true].map(jsonataTruthy)).toEqual(Array(5).fill(true));
  });
});
