import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { scheduleOf } from '../../engine/triggers';
import { flowOf, node } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';
import { cronPatternError, nextScheduleRun } from './definition';

describe('trigger.schedule', () => {
  it('accepts cron patterns with seconds and a time zone', () => {
    const flow = flowOf([node('tick', 'trigger.schedule', { cron: '*/30 * * * * *', timezone: 'Europe/Paris' })], []);
    expect(validateFlow(flow).valid).toBe(true);
    expect(scheduleOf(flow)).toEqual([{ nodeId: 'tick', cron: '*/30 * * * * *', timezone: 'Europe/Paris' }]);
  });

  it('rejects an invalid pattern and an unknown time zone, naming the fields', () => {
    const flow = flowOf([node('tick', 'trigger.schedule', { cron: '61 * * * *', timezone: 'Mars/Olympus' })], []);
    const messages = validateFlow(flow).problems.map((problem) => problem.message);
    expect(messages.some((message) => message.includes('cron') && message.includes('invalid cron pattern'))).toBe(true);
    expect(messages.some((message) => message.includes('timezone'))).toBe(true);
    expect(cronPatternError('* * *')).toContain('5 or 6 fields');
  });

  it('computes the next run in the configured zone', () => {
    const next = nextScheduleRun('0 9 * * *', 'America/New_York', new Date('2025-01-15T12:00:00Z'));
    expect(next.toISOString()).toBe('2025-01-15T14:00:00.000Z');
  });

  it('outputs the execution input when it fires', async () => {
    const flow = flowOf([node('tick', 'trigger.schedule', { cron: '0 * * * *' })], []);
    expect((await runFlow(flow, { firedAt: 'x' })).output).toEqual({ firedAt: 'x' });
  });
});
