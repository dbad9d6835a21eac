import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import type { DurableWaits, WaitOutcome } from '../../engine/suspension';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';

const parkable: DurableWaits = { minMs: 1_000, parked: {}, ended: {} };

/** Runs `wait` once to park it, then again as if its wait ended with `outcome`. */
async function waitThen(data: Record<string, unknown>, outcome: WaitOutcome, input: unknown = { n: 1 }) {
  const flow = flowOf(
    [trigger(), node('hold', 'wait', data), node('then', 'transform', { expression: '{"went": "out", "got": $}' }), node('late', 'transform', { expression: '{"went": "timeout", "got": $}' })],
    [edge('start', 'hold'), edge('hold', 'then', 'out'), edge('hold', 'late', 'timeout')],
  );
  const first = await runFlow(flow, input, { waits: parkable });
  expect(first.status).toBe('SUSPENDED');
  const suspension = first.suspensions![0]!;
  const second = await runFlow(flow, input, { settled: first.nodeRuns, waits: { ...parkable, ended: { hold: { suspension, outcome } } } });
  return { suspension, second };
}

describe('wait', () => {
  it('continues with the posted body of its resume URL', async () => {
    const { suspension, second } = await waitThen({ mode: 'webhook', waitTimeoutMs: 60_000 }, { kind: 'received', payload: { ok: true }, at: new Date().toISOString() });
    expect(suspension.wait).toEqual({ kind: 'webhook' });
    expect(second.output).toEqual({ went: 'out', got: { ok: true } });
  });

  it('waits for an event whose match is rendered from the run', async () => {
    const { suspension, second } = await waitThen(
      { mode: 'event', event: 'order.paid', match: { orderId: '{{ $input.n }}' } },
      { kind: 'received', payload: { paid: 5 }, at: new Date().toISOString() },
      { n: 42 },
    );
    expect(suspension.wait).toEqual({ kind: 'event', event: 'order.paid', match: { orderId: 42 } });
    expect(second.output).toEqual({ went: 'out', got: { paid: 5 } });
  });

  it('takes the timeout handle with its input when the wait times out and onTimeout is continue', async () => {
    const { second } = await waitThen({ mode: 'webhook', onTimeout: 'continue' }, { kind: 'timeout' });
    expect(second.status).toBe('SUCCEEDED');
    expect(second.output).toEqual({ went: 'timeout', got: { n: 1 } });
    expect(second.nodeRuns.then?.status).toBe('SKIPPED');
  });

  it('fails with TIMEOUT when the wait times out and onTimeout is fail', async () => {
    const { second } = await waitThen({ mode: 'event', event: 'x' }, { kind: 'timeout' });
    expect(second.status).toBe('FAILED');
    expect(second.nodeRuns.hold?.error?.code).toBe('TIMEOUT');
  });

  it('waits until an absolute time', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const { suspension, second } = await waitThen({ mode: 'time', until: '$input.at' }, { kind: 'due' }, { at });
    expect(suspension.until).toBe(at);
    expect(second.output).toEqual({ went: 'out', got: { at } });
  });

  it('takes `out` when approved and `rejected` when rejected, with the answer as output', async () => {
    const form = [{ name: 'note', label: 'Note', type: 'text', required: false }];
    const answer = (decision: string) => ({ kind: 'received' as const, payload: { decision, fields: { note: 'ok' }, answeredBy: 'Carol', answeredAt: '2026-01-01T00:00:00Z' }, at: '2026-01-01T00:00:00Z' });
    const approved = await waitThen({ mode: 'approval', message: 'Refund {{ $input.n }}?', form }, answer('approve'));
    expect(approved.suspension.wait).toEqual({ kind: 'approval', message: 'Refund 1?', form });
    expect(approved.second.output).toEqual({ went: 'out', got: answer('approve').payload });
    const flow = flowOf(
      [trigger(), node('hold', 'wait', { mode: 'approval', form }), node('no', 'transform', { expression: '"rejected by " & $.answeredBy' })],
      [edge('start', 'hold'), edge('hold', 'no', 'rejected')],
    );
    const first = await runFlow(flow, null, { waits: parkable });
    const rejected = await runFlow(flow, null, { settled: first.nodeRuns, waits: { ...parkable, ended: { hold: { suspension: first.suspensions![0]!, outcome: answer('reject') } } } });
    expect(rejected.output).toBe('rejected by Carol');
  });

  it('refuses a webhook wait where the run cannot be parked', async () => {
    const flow = flowOf([trigger(), node('hold', 'wait', { mode: 'webhook' })], [edge('start', 'hold')]);
    const result = await runFlow(flow, null);
    expect(result.status).toBe('FAILED');
    expect(result.nodeRuns.hold?.error?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('refuses at save an event wait without a name and a time wait with both ms and until', () => {
    const problems = (data: Record<string, unknown>) => validateFlow(flowOf([trigger(), node('hold', 'wait', data)], [edge('start', 'hold')])).problems;
    expect(problems({ mode: 'event' })).toEqual([expect.objectContaining({ nodeId: 'hold', severity: 'error' })]);
    expect(problems({ mode: 'time', ms: 5, until: '"2030-01-01"' })).toEqual([expect.objectContaining({ nodeId: 'hold', severity: 'error' })]);
    expect(problems({ mode: 'webhook', waitTimeoutMs: 366 * 86_400_000 })).toEqual([expect.objectContaining({ nodeId: 'hold', severity: 'error' })]);
  });
});
