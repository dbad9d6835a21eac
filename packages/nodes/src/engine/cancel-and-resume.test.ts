import { describe, expect, it } from 'vitest';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import type { EngineServices, NodeRunRecord } from '../types';
import { runFlow } from './run-flow';

describe('cancellation', () => {
  it('aborts the node in flight and cancels the pending ones', async () => {
    let sawAbort = false;
    const services: EngineServices = {
      database: {
        query: (_req, signal) =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => {
              sawAbort = true;
              reject(new Error('aborted by signal'));
            }),
          ),
      },
    };
    const flow = flowOf(
      [trigger(), node('q', 'database.query', { connection: 'c', sql: 'select pg_sleep(60)' }), node('after', 'transform', { expression: '1' })],
      [edge('start', 'q'), edge('q', 'after')],
    );
    const controller = new AbortController();
    const settled: string[] = [];
    setTimeout(() => controller.abort(), 10);
    const result = await runFlow(flow, {}, {
      services,
      signal: controller.signal,
      onSettle: async (record) => {
        settled.push(`${record.nodeId} ${record.status}`);
      },
    });
    expect(sawAbort).toBe(true);
    expect(result.status).toBe('CANCELLED');
    expect(result.error?.code).toBe('CANCELLED');
    expect(result.nodeRuns.q?.status).toBe('CANCELLED');
    expect(result.nodeRuns.after?.status).toBe('CANCELLED');
    expect(settled).toEqual(['start SUCCEEDED', 'q CANCELLED']);
  });

  it('cancels a retry wait', async () => {
    const services: EngineServices = { database: { query: async () => Promise.reject(new Error('down')) } };
    const flow = flowOf(
      [trigger(), node('q', 'database.query', { connection: 'c', sql: 'x', retry: { maxAttempts: 5, delayMs: 60_000 } })],
      [edge('start', 'q')],
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const result = await runFlow(flow, {}, { services, signal: controller.signal });
    expect(result.status).toBe('CANCELLED');
    expect(result.nodeRuns.q).toMatchObject({ status: 'CANCELLED', attempts: 1 });
  });

  it('runs nothing when cancelled before it starts', async () => {
    const result = await runFlow(flowOf([trigger()], []), {}, { signal: AbortSignal.abort() });
    expect(result.status).toBe('CANCELLED');
    expect(result.nodeRuns.start?.status).toBe('CANCELLED');
  });
});

describe('resume', () => {
  it('does not re-run committed nodes and feeds their outputs downstream', async () => {
    let calls = 0;
    const services: EngineServices = {
      database: {
        async query(req) {
          calls++;
          return { rows: [req.params[0]], rowCount: 1 };
        },
      },
    };
    const flow = flowOf(
      [
        trigger(),
        node('load', 'database.query', { connection: 'c', sql: 'select $1', params: ['$input.id'] }),
        node('check', 'condition', { expression: 'rowCount > 0' }),
        node('found', 'transform', { expression: '$nodes.load.rows[0] & " found"' }),
        node('missing', 'transform', { expression: '"missing"' }),
        node('save', 'database.query', { connection: 'c', sql: 'insert $1', params: ['$'] }),
      ],
      [edge('start', 'load'), edge('load', 'check'), edge('check', 'found', 'true'), edge('check', 'missing', 'false'), edge('found', 'save')],
    );
    const first: Record<string, NodeRunRecord> = {};
    await runFlow(flow, { id: 'a1' }, { services, onSettle: async (record) => void (first[record.nodeId] = record) });
    expect(calls).toBe(2);

    // The worker died after committing start, load, check and the skip of `missing`.
    const committed = Object.fromEntries(['start', 'load', 'check', 'missing'].map((id) => [id, first[id] as NodeRunRecord]));
    committed.found = { nodeId: 'found', status: 'RUNNING', attempts: 1 };
    calls = 0;
    const log = eventLog();
    const resumed = await runFlow(flow, { id: 'a1' }, { services, settled: committed, onEvent: log.onEvent });
    expect(calls).toBe(1);
    expect(['start', 'load', 'check', 'missing'].map(log.started)).toEqual([0, 0, 0, 0]);
    expect(log.started('found')).toBe(1);
    expect(resumed.status).toBe('SUCCEEDED');
    expect(resumed.nodeRuns.found?.output).toBe('a1 found');
    expect(resumed.nodeRuns.missing?.status).toBe('SKIPPED');
    expect(resumed.output).toEqual({ rows: ['a1 found'], rowCount: 1 });
  });

  it('routes a resumed errorBranch failure to its error handle', async () => {
    const flow = flowOf(
      [trigger(), node('risky', 'transform', { expression: '1', onError: 'errorBranch' }), node('ok', 'transform', { expression: '"ok"' }), node('handler', 'transform', { expression: 'error.code' })],
      [edge('start', 'risky'), edge('risky', 'ok'), edge('risky', 'handler', 'error')],
    );
    const settled: Record<string, NodeRunRecord> = {
      start: { nodeId: 'start', status: 'SUCCEEDED', attempts: 1, output: {} },
      risky: { nodeId: 'risky', status: 'FAILED', attempts: 1, handle: 'error', output: { error: { code: 'X', message: 'x' } } },
    };
    const result = await runFlow(flow, {}, { settled });
    expect(result.nodeRuns.ok?.status).toBe('SKIPPED');
    expect(result.output).toBe('X');
  });
});
