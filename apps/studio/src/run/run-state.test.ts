import { describe, expect, it } from 'vitest';
import { applyEvent, emptyRun, foldEvents, nodeView, type ExecutionEvent } from './run-state';

let seq = 0;
const event = (type: ExecutionEvent['type'], nodeId: string | null, data: unknown, status: ExecutionEvent['execution']['status'] = 'RUNNING'): ExecutionEvent => ({
  seq: ++seq, type, nodeId, at: '2026-01-01T00:00:00.000Z', data, execution: { id: 'x', status },
});

describe('run state', () => {
  it('moves nodes through running, retrying and their settled state', () => {
    seq = 0;
    const events = [
      event('EXECUTION_STARTED', null, null),
      event('NODE_STARTED', 'a', { attempt: 1, input: { n: 1 } }),
      event('NODE_RETRYING', 'a', { attempt: 1, delayMs: 10, error: { code: 'X', message: 'boom' } }),
      event('NODE_STARTED', 'a', { attempt: 2, input: { n: 1 } }),
      event('LOG', 'a', { level: 'info', message: 'hello' }),
      event('NODE_SUCCEEDED', 'a', { record: { status: 'SUCCEEDED', attempts: 2, output: 42, handle: 'true', durationMs: 5 } }),
      event('NODE_SKIPPED', 'b', { record: { status: 'SKIPPED', attempts: 0 } }),
      event('EXECUTION_SUCCEEDED', null, null, 'SUCCEEDED'),
    ];
    const run = foldEvents('x', events);
    expect(run.status).toBe('SUCCEEDED');
    expect(nodeView(run, 'a')).toMatchObject({ state: 'SUCCEEDED', attempt: 2, output: 42, handle: 'true', durationMs: 5 });
    expect(nodeView(run, 'a').logs.map((l) => l.message)).toEqual(['hello']);
    expect(nodeView(run, 'b').state).toBe('SKIPPED');
    expect(nodeView(run, 'never').state).toBe('QUEUED');
    expect(nodeView(foldEvents('x', events.slice(0, 3)), 'a')).toMatchObject({ state: 'RETRYING', attempt: 1 });
  });

  it('ignores an event it has already seen (replay after a reconnect)', () => {
    seq = 0;
    const started = event('NODE_STARTED', 'a', { attempt: 1 });
    const once = applyEvent(emptyRun('x'), started);
    expect(applyEvent(once, started)).toBe(once);
  });

  it('keeps the view object of every node an event does not name', () => {
    seq = 0;
    const first = applyEvent(emptyRun('x'), event('NODE_STARTED', 'a', { attempt: 1 }));
    const second = applyEvent(first, event('NODE_STARTED', 'b', { attempt: 1 }));
    expect(second.nodes.a).toBe(first.nodes.a);
  });

  it('settles nodes still running when the run is cancelled', () => {
    seq = 0;
    const run = foldEvents('x', [event('NODE_STARTED', 'slow', { attempt: 1 }), event('EXECUTION_CANCELLED', null, null, 'CANCELLED')]);
    expect(nodeView(run, 'slow').state).toBe('CANCELLED');
  });
});
