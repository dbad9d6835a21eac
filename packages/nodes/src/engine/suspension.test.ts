import { describe, expect, it } from 'vitest';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import { runFlow } from './run-flow';
import type { DurableWaits, Suspension } from './suspension';

const parkable = (over: Partial<DurableWaits> = {}): DurableWaits => ({ minMs: 1_000, parked: {}, ended: {}, ...over });

describe('engine: durable waits', () => {
  it('parks a long delay: the run ends SUSPENDED while a parallel branch finishes, and nothing after the delay runs', async () => {
    const flow = flowOf(
      [trigger(), node('wait', 'delay', { ms: 60_000 }), node('after', 'transform', { expression: '"late"' }), node('side', 'transform', { expression: '"now"' })],
      [edge('start', 'wait'), edge('wait', 'after'), edge('start', 'side')],
    );
    const before = Date.now();
    const result = await runFlow(flow, { a: 1 }, { waits: parkable() });
    expect(result.status).toBe('SUSPENDED');
    expect(result.suspensions).toHaveLength(1);
    const [parked] = result.suspensions as Suspension[];
    expect(parked).toMatchObject({ nodeId: 'wait', wait: { kind: 'time' } });
    expect(Date.parse(parked!.until)).toBeGreaterThanOrEqual(before + 60_000);
    expect(result.nodeRuns.side?.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.wait).toBeUndefined();
    expect(result.nodeRuns.after).toBeUndefined();
  });

  it('resumes a parked node once its wait ended, from the committed nodes, and finishes', async () => {
    const flow = flowOf([trigger(), node('wait', 'delay', { ms: 60_000 }), node('out', 'output')], [edge('start', 'wait'), edge('wait', 'out')]);
    const first = await runFlow(flow, { a: 1 }, { waits: parkable() });
    const suspension = first.suspensions![0]!;
    const log = eventLog();
    const second = await runFlow(flow, { a: 1 }, { settled: first.nodeRuns, waits: parkable({ ended: { wait: { suspension, outcome: { kind: 'due' } } } }), onEvent: log.onEvent });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(log.started('start')).toBe(0);
    expect(log.started('wait')).toBe(1);
  });

  it('keeps a node parked by an earlier pass parked without running it, while another resumes', async () => {
    const flow = flowOf(
      [trigger(), node('one', 'delay', { ms: 60_000 }), node('two', 'delay', { ms: 120_000 }), node('a', 'transform', { expression: '1' })],
      [edge('start', 'one'), edge('start', 'two'), edge('one', 'a')],
    );
    const first = await runFlow(flow, null, { waits: parkable() });
    const [one, two] = ['one', 'two'].map((id) => first.suspensions!.find((s) => s.nodeId === id)!);
    const log = eventLog();
    const second = await runFlow(flow, null, {
      settled: first.nodeRuns,
      waits: parkable({ parked: { two: two! }, ended: { one: { suspension: one!, outcome: { kind: 'due' } } } }),
      onEvent: log.onEvent,
    });
    expect(second.status).toBe('SUSPENDED');
    expect(second.suspensions).toEqual([two]);
    expect(second.nodeRuns.a?.status).toBe('SUCCEEDED');
    expect(log.started('two')).toBe(0);
  });

  it('sleeps a wait shorter than minMs in process, and every wait when nothing can park the run', async () => {
    const flow = flowOf([trigger(), node('wait', 'delay', { ms: 20 })], [edge('start', 'wait')]);
    expect((await runFlow(flow, 1, { waits: parkable({ minMs: 1_000 }) })).status).toBe('SUCCEEDED');
    expect((await runFlow(flow, 1)).status).toBe('SUCCEEDED');
  });

  it('parks a long retry back-off and resumes with the next attempt', async () => {
    const flow = flowOf(
      [trigger(), node('call', 'code', { code: 'throw new Error("down")', retry: { maxAttempts: 3, delayMs: 5_000 } })],
      [edge('start', 'call')],
    );
    const log = eventLog();
    const first = await runFlow(flow, null, { waits: parkable(), onEvent: log.onEvent });
    expect(first.status).toBe('SUSPENDED');
    const parked = first.suspensions![0]!;
    expect(parked.wait).toMatchObject({ kind: 'retry', attempt: 1, error: { code: 'CODE_ERROR' } });
    expect(log.events.filter((e) => e.type === 'NODE_RETRYING')).toHaveLength(1);
    const second = await runFlow(flow, null, { settled: first.nodeRuns, waits: parkable({ ended: { call: { suspension: parked, outcome: { kind: 'due' } } } }) });
    // Attempt 2 failed too and parks again for attempt 3.
    expect(second.suspensions?.[0]?.wait).toMatchObject({ kind: 'retry', attempt: 2 });
    const third = await runFlow(flow, null, {
      settled: second.nodeRuns,
      waits: parkable({ ended: { call: { suspension: second.suspensions![0]!, outcome: { kind: 'due' } } } }),
    });
    expect(third.status).toBe('FAILED');
    expect(third.nodeRuns.call).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('cancels rather than suspends when the run is cancelled', async () => {
    const flow = flowOf([trigger(), node('wait', 'delay', { ms: 60_000 })], [edge('start', 'wait')]);
    const controller = new AbortController();
    controller.abort();
    expect((await runFlow(flow, null, { waits: parkable(), signal: controller.signal })).status).toBe('CANCELLED');
  });
});
