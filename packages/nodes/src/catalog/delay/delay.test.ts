import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';
import { MAX_WAIT_MS } from './wait-time';

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

describe('delay: durations and until', () => {
  const flowWith = (data: Record<string, unknown>) => flowOf([trigger(), node('wait', 'delay', data)], [edge('start', 'wait')]);

  it('accepts up to a year and refuses more at save', () => {
    expect(validateFlow(flowWith({ ms: MAX_WAIT_MS })).valid).toBe(true);
    const problems = validateFlow(flowWith({ ms: MAX_WAIT_MS + 1 })).problems;
    expect(problems).toEqual([expect.objectContaining({ nodeId: 'wait', severity: 'error' })]);
  });

  it('waits until the time `until` evaluates to (a time already past passes at once)', async () => {
    const result = await runFlow(flowWith({ until: '$input.at' }), { at: '2020-01-01T00:00:00Z' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { at: '2020-01-01T00:00:00Z' } });
  });

  it.each([['"next tuesday"'], ['"2030-01-01T10:00:00"'], ['true']])('fails with VALIDATION_FAILED for the until value %s', async (until) => {
    const result = await runFlow(flowWith({ until }), {});
    expect(result.status).toBe('FAILED');
    expect(result.nodeRuns.wait?.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('ISO 8601') });
  });

  it('fails with VALIDATION_FAILED for an until over a year ahead', async () => {
    const result = await runFlow(flowWith({ until: '$input.at' }), { at: Date.now() + MAX_WAIT_MS + 86_400_000 });
    expect(result.nodeRuns.wait?.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('more than a year') });
  });
});
