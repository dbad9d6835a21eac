import { describe, expect, it } from 'vitest';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import type { EngineServices, NodeRunRecord } from '../types';
import { runFlow } from './run-flow';

const t = (id: string, expression: string) => node(id, 'transform', { expression });

describe('runFlow', () => {
  it('runs a diamond: both branches after the split, the join after both', async () => {
    const flow = flowOf(
      [trigger(), t('left', '$input.n + 1'), t('right', '$input.n * 10'), node('join', 'merge'), t('sum', 'left + right')],
      [edge('start', 'left'), edge('start', 'right'), edge('left', 'join'), edge('right', 'join'), edge('join', 'sum')],
    );
    const result = await runFlow(flow, { n: 2 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.join?.output).toEqual({ left: 3, right: 20 });
    expect(result.output).toBe(23);
  });

  it('runs a wide fan-out and fan-in with every branch once, at most `concurrency` at a time', async () => {
    let active = 0;
    let peak = 0;
    const services: EngineServices = {
      database: {
        async query(req) {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active--;
          return { rows: [req.params[0]], rowCount: 1 };
        },
      },
    };
    const width = 40;
    const branches = Array.from({ length: width }, (_, index) =>
      node(`b${index}`, 'database.query', { connection: 'c', sql: 'select $1', params: [String(index)] }),
    );
    const flow = flowOf(
      [trigger(), ...branches, node('join', 'merge')],
      [...branches.map((branch) => edge('start', branch.id)), ...branches.map((branch) => edge(branch.id, 'join'))],
    );
    const log = eventLog();
    const result = await runFlow(flow, {}, { services, concurrency: 5, onEvent: log.onEvent });
    expect(Object.keys(result.output as object)).toHaveLength(width);
    expect(branches.every((branch) => log.started(branch.id) === 1)).toBe(true);
    expect(peak).toBe(5);
  });

  it('skips through nested conditions and merges, running merges with any live branch', async () => {
    const flow = flowOf(
      [
        trigger(),
        node('outer', 'condition', { expression: '$input.a' }),
        node('inner', 'condition', { expression: '$input.b' }),
        t('aAndB', '"a and b"'),
        t('aNotB', '"a not b"'),
        t('notA', '"not a"'),
        node('innerJoin', 'merge'),
        t('afterInner', '"after inner"'),
        node('outerJoin', 'merge'),
      ],
      [
        edge('start', 'outer'),
        edge('outer', 'inner', 'true'),
        edge('outer', 'notA', 'false'),
        edge('inner', 'aAndB', 'true'),
        edge('inner', 'aNotB', 'false'),
        edge('aAndB', 'innerJoin'),
        edge('aNotB', 'innerJoin'),
        edge('innerJoin', 'afterInner'),
        edge('afterInner', 'outerJoin'),
        edge('notA', 'outerJoin'),
      ],
    );
    const status = (runs: Record<string, NodeRunRecord>) =>
      Object.fromEntries(Object.entries(runs).map(([id, run]) => [id, run.status]));

    const notA = await runFlow(flow, { a: false, b: true });
    expect(status(notA.nodeRuns)).toMatchObject({
      inner: 'SKIPPED', aAndB: 'SKIPPED', aNotB: 'SKIPPED', innerJoin: 'SKIPPED', afterInner: 'SKIPPED', notA: 'SUCCEEDED', outerJoin: 'SUCCEEDED',
    });
    expect(notA.output).toEqual({ notA: 'not a' });

    const aNotB = await runFlow(flow, { a: true, b: false });
    expect(status(aNotB.nodeRuns)).toMatchObject({ aAndB: 'SKIPPED', aNotB: 'SUCCEEDED', innerJoin: 'SUCCEEDED', notA: 'SKIPPED' });
    expect(aNotB.output).toEqual({ afterInner: 'after inner' });
  });

  it('awaits onSettle before any downstream node starts', async () => {
    const order: string[] = [];
    const flow = flowOf([trigger(), t('a', '1'), t('b', '2')], [edge('start', 'a'), edge('a', 'b')]);
    await runFlow(flow, {}, {
      onEvent: (event) => {
        if (event.type === 'NODE_STARTED') order.push(`start ${event.nodeId}`);
      },
      onSettle: async (record) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`committed ${record.nodeId}`);
      },
    });
    expect(order).toEqual(['start start', 'committed start', 'start a', 'committed a', 'start b', 'committed b']);
  });

  it('emits started, succeeded, failed and skipped events with records', async () => {
    const log = eventLog();
    const flow = flowOf(
      [trigger(), node('c', 'condition', { expression: 'true' }), t('no', '1'), t('boom', '$error("boom")')],
      [edge('start', 'c'), edge('c', 'no', 'false'), edge('c', 'boom', 'true')],
    );
    await runFlow(flow, {}, { onEvent: log.onEvent });
    expect(log.events.map((event) => `${event.type} ${event.nodeId}`)).toEqual([
      'NODE_STARTED start', 'NODE_SUCCEEDED start', 'NODE_STARTED c', 'NODE_SUCCEEDED c', 'NODE_SKIPPED no', 'NODE_STARTED boom', 'NODE_FAILED boom',
    ]);
  });

  it('fails the run with the failing node id and cancels what is pending', async () => {
    const flow = flowOf(
      [trigger(), t('boom', '$error("boom")'), t('after', '1'), node('slow', 'delay', { ms: 5_000 })],
      [edge('start', 'boom'), edge('boom', 'after'), edge('start', 'slow')],
    );
    const result = await runFlow(flow, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toMatchObject({ code: 'EXPRESSION_ERROR', nodeId: 'boom' });
    expect(result.error?.message).toMatch(/^Node "boom" \(transform\) failed: /);
    expect(result.nodeRuns.after?.status).toBe('CANCELLED');
    expect(result.nodeRuns.slow?.status).toBe('CANCELLED');
  });

  it('uses the last settled output when there is no output node', async () => {
    const flow = flowOf([trigger(), t('a', '"first"'), t('b', '"second"')], [edge('start', 'a'), edge('a', 'b')]);
    expect((await runFlow(flow, {})).output).toBe('second');
  });

  it('fails an output over maxOutputBytes with OUTPUT_TOO_LARGE', async () => {
    const flow = flowOf([trigger(), t('big', '$pad("", 5000, "é")')], [edge('start', 'big')]);
    const result = await runFlow(flow, {}, { limits: { maxOutputBytes: 8_000 } });
    expect(result.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE', nodeId: 'big' });
    const fits = await runFlow(flow, {}, { limits: { maxOutputBytes: 10_003 } });
    expect(fits.status).toBe('SUCCEEDED');
  });

  it('refuses an invalid flow with VALIDATION_FAILED before running anything', async () => {
    const result = await runFlow(flowOf([trigger(), t('a', '1')], [edge('start', 'a'), edge('a', 'start')]), {});
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' }, nodeRuns: {} });
  });

  it('fires only the chosen trigger when triggerId is set', async () => {
    const flow = flowOf(
      [trigger('manual'), node('hook', 'trigger.webhook', { path: 'x' }), t('fromManual', '"m"'), t('fromHook', '"h"')],
      [edge('manual', 'fromManual'), edge('hook', 'fromHook')],
    );
    const result = await runFlow(flow, {}, { triggerId: 'hook' });
    expect(result.nodeRuns.manual?.status).toBe('SKIPPED');
    expect(result.nodeRuns.fromManual?.status).toBe('SKIPPED');
    expect(result.output).toBe('h');
  });

  it('fails the run with SETTLE_FAILED when committing a result fails', async () => {
    const flow = flowOf([trigger(), t('a', '1')], [edge('start', 'a')]);
    const result = await runFlow(flow, {}, {
      onSettle: async () => {
        throw new Error('database is gone');
      },
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toMatchObject({ code: 'SETTLE_FAILED' });
    expect(result.error?.message).toContain('database is gone');
    expect(result.nodeRuns.a?.status).toBe('CANCELLED');
  });
});
