import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';

describe('delay', () => {
  it('waits and passes its input through', async () => {
    const flow = flowOf([trigger(), node('wait', 'delay', { ms: 5 })], [edge('start', 'wait')]);
    const result = await runFlow(flow, { a: 1 });
    expect(result.output).toEqual({ a: 1 });
    expect(result.nodeRuns.wait?.durationMs).toBeGreaterThanOrEqual(4);
  });

  it('stops waiting as soon as the execution is cancelled', async () => {
    const flow = flowOf([trigger(), node('wait', 'delay', { ms: 60_000 })], [edge('start', 'wait')]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    const result = await runFlow(flow, {}, { signal: controller.signal });
    expect(result.status).toBe('CANCELLED');
    expect(result.nodeRuns.wait?.status).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
