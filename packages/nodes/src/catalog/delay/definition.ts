import { z } from 'zod';
import { defineNode } from '../node-definition';
import { MAX_WAIT_MS, untilOf } from './wait-time';

export const delay = defineNode({
  type: 'delay',
  title: 'Delay',
  description:
    'Waits `ms` milliseconds, or until the time `until` evaluates to (up to a year), then passes its input through. A long delay holds no worker: the run waits (WAITING) and resumes when due.',
  category: 'flow',
  effects: 'worker',
  icon: 'hourglass',
  fields: {
    ms: z.number().int().min(0).max(MAX_WAIT_MS).optional().describe('Milliseconds to wait (up to a year)')
      .meta({ title: 'Milliseconds', placeholder: '60000' }),
    until: z
      .string()
      .min(1)
      .optional()
      .describe('JSONata giving the time to wait until: an ISO 8601 date-time with its zone, or epoch milliseconds')
      .meta({ title: 'Until', widget: 'expression', placeholder: '$input.sendAt' }),
  },
  refine(config, ctx) {
    if ((config.ms === undefined) === (config.until === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ms'], message: 'Set exactly one of `ms` and `until`' });
    }
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => (config.until === undefined ? [] : [config.until]),
  async execute(ctx) {
    const { ms, until } = ctx.config;
    const at = until === undefined ? Date.now() + (ms ?? 0) : untilOf(await ctx.expressions.evaluate(until));
    await ctx.waitFor({ until: at, wait: { kind: 'time' } });
    return { output: ctx.upstream };
  },
});
