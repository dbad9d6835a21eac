import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { scheduleOf } from '../../engine/triggers';
import { flowOf, node } from '../../test-support/flow-builder';
import { validateFlow } from '../../validation/validate-flow';
import { cronPatternError, nextScheduleRun, nextScheduleRuns } from './definition';

describe('trigger.schedule', () => {
  it('accepts cron patterns with seconds and a time zone', () => {
    const flow = flowOf([node('tick', 'trigger.schedule', { cron: '*/30 * * * * *', timezone: 'Europe/Paris' })], []);
    expect(validateFlow(flow).valid).toBe(true);
    expect(scheduleOf(flow)).toEqual([{ nodeId: 'tick', cron: '*/30 * * * * *', timezone: 'Europe/Paris', missed: 'skip' }]);
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

  it('lists next fire times across the spring daylight-saving change in Europe/Berlin', () => {
    // 28 March 2027, the last Sunday of March: 02:00 CET becomes 03:00 CEST.
    const from = new Date('2027-03-26T12:00:00Z');
    expect(nextScheduleRuns('0 9 * * *', 'Europe/Berlin', 4, from).map((d) => d.toISOString())).toEqual([
      '2027-03-27T08:00:00.000Z', // 09:00 CET (UTC+1)
      '2027-03-28T07:00:00.000Z', // 09:00 CEST (UTC+2), the day of the change
      '2027-03-29T07:00:00.000Z',
      '2027-03-30T07:00:00.000Z',
    ]);
    // Hourly through the night of the change: local 02:00 does not exist that night.
    const night = nextScheduleRuns('0 0 * * * *', 'Europe/Berlin', 3, new Date('2027-03-27T23:30:00Z')).map((d) => d.toISOString());
    expect(night).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z']);
  });

  it('defaults the missed-fire policy to skip and accepts fireOnce', () => {
    const flow = flowOf([node('tick', 'trigger.schedule', { cron: '0 * * * *', missed: 'fireOnce' })], []);
    expect(scheduleOf(flow)[0]?.missed).toBe('fireOnce');
    expect(validateFlow(flowOf([node('tick', 'trigger.schedule', { cron: '0 * * * *', missed: 'always' })], [])).valid).toBe(false);
  });
});
