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

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  title: 'Schedule',
  description: 'Starts the flow on a cron pattern (seconds allowed) in a time zone.',
  category: 'trigger',
  icon: 'clock',
  fields: {
    cron: z
      .string()
      .min(1)
      .superRefine((value, ctx) => {
        const problem = cronPatternError(value);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid cron pattern: ${problem}` });
      })
      .describe('Cron pattern, e.g. "*/30 * * * * *" (every 30 s) or "0 9 * * 1-5"'),
    timezone: z
      .string()
      .default('UTC')
      .refine(isValidTimeZone, { message: 'unknown IANA time zone' })
      .describe('IANA time zone, e.g. Europe/Paris'),
  },
  inputs: [],
  outputs: ['out'],
  async execute(ctx) {
    return { output: ctx.input };
  },
});
