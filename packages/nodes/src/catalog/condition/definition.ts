import { z } from 'zod';
import { defineNode } from '../node-definition';

/** JSONata's `$boolean` rules, so `condition` agrees with expressions users test elsewhere. */
export function jsonataTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(jsonataTruthy);
  if (typeof value === 'function') return false;
  return Object.keys(value).length > 0;
}

export const condition = defineNode({
  type: 'condition',
  title: 'Condition',
  description: 'Takes the `true` or `false` handle; the branch not taken is skipped. Passes its input through.',
  category: 'logic',
  effects: 'none',
  icon: 'split',
  fields: {
    expression: z
      .string()
      .min(1)
      .describe('JSONata expression, read as a boolean: true takes the `true` handle')
      .meta({ title: 'Condition', widget: 'expression', placeholder: '$.amount > 100' }),
  },
  inputs: ['in'],
  outputs: ['true', 'false'],
  expressionsOf: (config) => [config.expression],
  async execute(ctx) {
    const value = await ctx.expressions.evaluate(ctx.config.expression);
    return { output: ctx.upstream, handle: jsonataTruthy(value) ? 'true' : 'false' };
  },
});
