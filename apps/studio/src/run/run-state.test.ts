import { describe, expect, it } from 'vitest';
import { applyEvent, emptyRun, failedNodeId, foldEvents, nodeView, runFromNodeRuns, type ExecutionEvent } from './run-state';

let seq = 0;
const event = (type: ExecutionEvent['type'], nodeId: string | null, data: unknown, status: ExecutionEvent['execution']['status'] = 'RUNNING', at = '2026-01-01T00:00:00.000Z'): ExecutionEvent => ({
  seq: ++seq, type, nodeId, at, data, execution: { id: 'x', status },
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
    expect(nodeView(run, 'never').state).toBe('NOT_RUN');
    expect(nodeView(foldEvents('x', events.slice(0, 3)), 'a')).toMatchObject({ state: 'RETRYING', attempt: 1 });
    expect(nodeView(foldEvents('x', events.slice(0, 3)), 'never').state).toBe('QUEUED');
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

  it('keeps each attempt with its error and times, and names the node the run failed at', () => {
    seq = 0;
    const t = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
    const run = foldEvents('x', [
      event('NODE_STARTED', 'a', { attempt: 1 }, 'RUNNING', t(0)),
      event('NODE_RETRYING', 'a', { attempt: 1, error: { code: 'TIMEOUT', message: 'slow' } }, 'RUNNING', t(300)),
      event('NODE_STARTED', 'a', { attempt: 2 }, 'RUNNING', t(500)),
      event('NODE_FAILED', 'a', { record: { status: 'FAILED', attempts: 2, error: { code: 'HTTP_ERROR', message: '500' } } }, 'RUNNING', t(650)),
      event('EXECUTION_FAILED', null, null, 'FAILED', t(700)),
    ]);
    expect(nodeView(run, 'a').attempts).toEqual([
      { attempt: 1, startedAt: t(0), endedAt: t(300), error: { code: 'TIMEOUT', message: 'slow' } },
      { attempt: 2, startedAt: t(500), endedAt: t(650), error: { code: 'HTTP_ERROR', message: '500' } },
    ]);
    expect(failedNodeId(run)).toBe('a');
    expect(nodeView(run, 'after').state).toBe('NOT_RUN');
  });

  it('rebuilds attempts from stored node runs, and nodes left pending in a finished run read as not run', () => {
    const run = runFromNodeRuns('x', 'FAILED', [
      { nodeId: 'a', status: 'FAILED', attempts: 2, error: { code: 'B', message: 'second' }, attemptErrors: [{ attempt: 1, code: 'A', message: 'first' }], startedAt: t0, finishedAt: t1 },
      { nodeId: 'b', status: 'PENDING', attempts: 0 },
    ]);
    expect(nodeView(run, 'a').attempts).toEqual([
      { attempt: 1, error: { code: 'A', message: 'first' } },
      { attempt: 2, endedAt: t1, error: { code: 'B', message: 'second' } },
    ]);
    expect(nodeView(run, 'b').state).toBe('NOT_RUN');
    expect(nodeView(runFromNodeRuns('x', 'RUNNING', [{ nodeId: 'b', status: 'PENDING', attempts: 0 }]), 'b').state).toBe('QUEUED');
  });
});

const t0 = '2026-01-01T00:00:00.000Z';
const t1 = '2026-01-01T00:00:01.000Z';

describe('run state of a parked node', () => {
  it('shows it WAITING with what it waits for, until it resumes', () => {
    seq = 0;
    const until = '2026-01-01T12:00:00.000Z';
    const parked = foldEvents('x', [
      event('EXECUTION_STARTED', null, null),
      event('NODE_STARTED', 'pause', { attempt: 1 }),
      event('NODE_STARTED', 'gate', { attempt: 1 }),
      event('NODE_STARTED', 'hook', { attempt: 1 }),
      event('NODE_WAITING', 'pause', { kind: 'time', until }),
      event('NODE_WAITING', 'gate', { kind: 'event', until, event: 'order.paid' }),
      event('NODE_WAITING', 'hook', { kind: 'approval', until }),
      event('EXECUTION_WAITING', null, { waits: [] }, 'WAITING'),
    ]);
    expect(parked.status).toBe('WAITING');
    expect(nodeView(parked, 'pause')).toMatchObject({ state: 'WAITING', waitingFor: `until ${new Date(until).toLocaleTimeString()}` });
    expect(nodeView(parked, 'gate')).toMatchObject({ state: 'WAITING', waitingFor: 'for event order.paid' });
    expect(nodeView(parked, 'hook')).toMatchObject({ state: 'WAITING', waitingFor: 'for approval' });
    // A log line keeps it waiting; resuming (its NODE_STARTED) ends the wait.
    const logged = applyEvent(parked, event('LOG', 'pause', { level: 'info', message: 'still here' }));
    expect(nodeView(logged, 'pause')).toMatchObject({ state: 'WAITING', waitingFor: `until ${new Date(until).toLocaleTimeString()}` });
    const resumed = applyEvent(logged, event('NODE_STARTED', 'pause', { attempt: 1 }));
    expect(nodeView(resumed, 'pause').state).toBe('RUNNING');
    expect(nodeView(resumed, 'pause').waitingFor).toBeUndefined();
    const done = applyEvent(resumed, event('NODE_SUCCEEDED', 'pause', { record: { status: 'SUCCEEDED', attempts: 1 } }));
    expect(nodeView(done, 'pause').state).toBe('SUCCEEDED');
    expect(nodeView(done, 'pause').waitingFor).toBeUndefined();
    // A cancel while parked leaves the node CANCELLED, not waiting forever.
    const cancelled = applyEvent(done, event('EXECUTION_CANCELLED', null, null, 'CANCELLED'));
    expect(nodeView(cancelled, 'gate').state).toBe('CANCELLED');
  });
});
