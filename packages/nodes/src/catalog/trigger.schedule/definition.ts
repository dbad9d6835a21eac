import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { defineNode } from '../node-definition';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    // RangeError is how Intl says "unknown zone"; the answer is the boolean.
    return false;
  }
}

/** `undefined` when the pattern parses (5 or 6 fields; seconds first when 6). */
export function cronPatternError(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) return `expected 5 or 6 fields, got ${fields}`;
  try {
    CronExpressionParser.parse(pattern, { strict: false });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The next fire time after `from`, in the pattern's time zone. */
export function nextScheduleRun(cron: string, timezone: string, from: Date = new Date()): Date {
  return CronExpressionParser.parse(cron, { currentDate: from, tz: timezone }).next().toDate();
}

/**
 * The next `count` fire times after `from`, read in `timezone` with its daylight-saving changes
 * (a local time that does not exist that day is skipped, one that occurs twice fires once).
 * Pattern and zone must be valid (`cronPatternError`, `isValidTimeZone`).
 */
export function nextScheduleRuns(cron: string, timezone: string, count: number, from: Date = new Date()): Date[] {
  const expression = CronExpressionParser.parse(cron, { currentDate: from, tz: timezone });
  return Array.from({ length: count }, () => expression.next().toDate());
}

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  title: 'Schedule',
  description: 'Starts the flow on a cron pattern (seconds allowed) in a time zone.',
  category: 'trigger',
  effects: 'none',
  icon: 'clock',
  fields: {
    cron: z
      .string()
      .min(1)
      .superRefine((value, ctx) => {
        const problem = cronPatternError(value);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid cron pattern: ${problem}` });
      })
      .describe('Cron pattern, e.g. "*/30 * * * * *" (every 30 s) or "0 9 * * 1-5"')
      .meta({ title: 'Schedule', widget: 'cron' }),
    timezone: z
      .string()
      .default('UTC')
      .refine(isValidTimeZone, { message: 'unknown IANA time zone' })
      .describe('IANA time zone, e.g. Europe/Paris')
      .meta({ title: 'Time zone', widget: 'timezone' }),
    missed: z
      .enum(['skip', 'fireOnce'])
      .default('skip')
      .describe('A fire missed while the platform was down: skip it, or fire once when back (however many were missed)')
      .meta({ title: 'Missed fires', optionLabels: { skip: 'Skip them', fireOnce: 'Fire once when back' } }),
  },
  inputs: [],
  outputs: ['out'],
  async execute(ctx) {
    return { output: ctx.input };
  },
});
