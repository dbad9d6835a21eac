import { z } from 'zod';
import { defineNode } from '../node-definition';

const caseValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const CASE_PREFIX = 'case-';

export const switchNode = defineNode({
  type: 'switch',
  title: 'Switch',
  description:
    'Takes the handle of the first case equal to the expression (`case-<i>`, or the case value itself), else `default`.',
  category: 'logic',
  effects: 'none',
  icon: 'git-fork',
  fields: {
    expression: z
      .string()
      .min(1)
      .describe('JSONata expression whose value picks the case')
      .meta({ title: 'Value to match', widget: 'expression', placeholder: '$.status' }),
    cases: z
      .array(caseValue)
      .max(100)
      .default([])
      .describe('Case values, in order; each gets its own output handle')
      .meta({ title: 'Cases', widget: 'list' }),
  },
  inputs: ['in'],
  outputs: ['default'],
  outputsPerItem: { field: 'cases', prefix: CASE_PREFIX },
  resolveHandle(config, handle) {
    if (handle === 'default') return handle;
    const numbered = new RegExp(`^${CASE_PREFIX}(\\d+)$`).exec(handle);
    if (numbered !== null && Number(numbered[1]) < config.cases.length) return handle;
    const byValue = config.cases.findIndex((value) => String(value) === handle);
    return byValue >= 0 ? `${CASE_PREFIX}${byValue}` : undefined;
  },
  expressionsOf: (config) => [config.expression],
  async execute(ctx) {
    const value = await ctx.expressions.evaluate(ctx.config.expression);
    const index = ctx.config.cases.findIndex((candidate) => candidate === (value ?? null));
    return { output: ctx.upstream, handle: index >= 0 ? `${CASE_PREFIX}${index}` : 'default' };
  },
});
