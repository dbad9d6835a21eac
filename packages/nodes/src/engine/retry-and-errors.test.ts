import { describe, expect, it } from 'vitest';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import type { EngineServices } from '../types';
import { runFlow } from './run-flow';

/** A database that fails the first `failures` calls. */
function flakyDatabase(failures: number): { services: EngineServices; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    services: {
      database: {
        async query() {
          calls++;
          if (calls <= failures) throw new Error(`flaky failure ${calls}`);
          return { rows: ['ok'], rowCount: 1 };
        },
      },
    },
  };
}

function queryFlow(extra: Record<string, unknown>) {
  return flowOf([trigger(), node('q', 'database.query', { connection: 'c', sql: 'select 1', ...extra })], [edge('start', 'q')]);
}

function retryDelays(log: ReturnType<typeof eventLog>): number[] {
  return log.events.flatMap((event) => (event.type === 'NODE_RETRYING' ? [event.delayMs] : []));
}

describe('retries, timeouts and onError', () => {
  it('succeeds on the third attempt after fixed delays', async () => {
    const db = flakyDatabase(2);
    const log = eventLog();
    const flow = queryFlow({ retry: { maxAttempts: 3, backoff: 'fixed', delayMs: 5 } });
    const result = await runFlow(flow, {}, { services: db.services, onEvent: log.onEvent });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.q).toMatchObject({ status: 'SUCCEEDED', attempts: 3 });
    expect(db.calls()).toBe(3);
    expect(retryDelays(log)).toEqual([5, 5]);
    expect(log.events.filter((event) => event.type === 'NODE_RETRYING').map((event) => (event as { error: unknown }).error)).toEqual([
      { code: 'NODE_FAILED', message: 'flaky failure 1' },
      { code: 'NODE_FAILED', message: 'flaky failure 2' },
    ]);
  });

  it('doubles the delay with exponential backoff', async () => {
    const db = flakyDatabase(3);
    const log = eventLog();
    const flow = queryFlow({ retry: { maxAttempts: 4, backoff: 'exponential', delayMs: 2 } });
    await runFlow(flow, {}, { services: db.services, onEvent: log.onEvent });
    expect(retryDelays(log)).toEqual([2, 4, 8]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const db = flakyDatabase(10);
    const result = await runFlow(queryFlow({ retry: { maxAttempts: 2, delayMs: 1 } }), {}, { services: db.services });
    expect(result.nodeRuns.q).toMatchObject({ status: 'FAILED', attempts: 2, error: { message: 'flaky failure 2' } });
    expect(db.calls()).toBe(2);
  });

  it('does not retry errors that cannot succeed on retry', async () => {
    const flow = queryFlow({ retry: { maxAttempts: 5, delayMs: 1 } });
    const result = await runFlow(flow, {});
    expect(result.nodeRuns.q).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('times out each attempt and retries it', async () => {
    const log = eventLog();
    const services: EngineServices = {
      database: { query: (_req, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) },
    };
    const flow = queryFlow({ timeoutMs: 10, retry: { maxAttempts: 2, delayMs: 1 } });
    const result = await runFlow(flow, {}, { services, onEvent: log.onEvent });
    expect(result.nodeRuns.q).toMatchObject({ status: 'FAILED', attempts: 2, error: { code: 'TIMEOUT', message: 'timed out after 10 ms' } });
    expect(result.error?.code).toBe('TIMEOUT');
  });

  it('times out a node that ignores its abort signal', async () => {
    const services: EngineServices = { database: { query: () => new Promise(() => {}) } };
    const result = await runFlow(queryFlow({ timeoutMs: 10 }), {}, { services });
    expect(result.error).toMatchObject({ code: 'TIMEOUT', nodeId: 'q' });
  });

  it('continues with the error as output when onError is continue', async () => {
    const flow = flowOf(
      [trigger(), node('boom', 'transform', { expression: '$error("nope")', onError: 'continue' }), node('next', 'transform', { expression: 'error.message' })],
      [edge('start', 'boom'), edge('boom', 'next')],
    );
    const result = await runFlow(flow, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.boom?.status).toBe('FAILED');
    expect(result.output).toContain('nope');
  });

  it('takes the error handle and skips the regular output when onError is errorBranch', async () => {
    const flow = flowOf(
      [
        trigger(),
        node('boom', 'transform', { expression: '$error("nope")', onError: 'errorBranch' }),
        node('happy', 'transform', { expression: '"happy"' }),
        node('handler', 'transform', { expression: '"handled " & error.code' }),
      ],
      [edge('start', 'boom'), edge('boom', 'happy'), edge('boom', 'handler', 'error')],
    );
    const result = await runFlow(flow, {});
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nodeRuns.boom).toMatchObject({ status: 'FAILED', handle: 'error' });
    expect(result.nodeRuns.happy?.status).toBe('SKIPPED');
    expect(result.output).toBe('handled EXPRESSION_ERROR');
  });

  it('skips the error branch when the node succeeds', async () => {
    const flow = flowOf(
      [trigger(), node('fine', 'transform', { expression: '1', onError: 'errorBranch' }), node('handler', 'transform', { expression: '"handled"' })],
      [edge('start', 'fine'), edge('fine', 'handler', 'error')],
    );
    const result = await runFlow(flow, {});
    expect(result.nodeRuns.handler?.status).toBe('SKIPPED');
    expect(result.output).toBe(1);
  });
});
