import { z } from 'zod';
import { defineNode } from '../node-definition';

export const transform = defineNode({
  type: 'transform',
  title: 'Transform',
  description: 'Computes a value with a JSONata expression over the upstream value, $input and $nodes.',
  category: 'data',
  effects: 'none',
  icon: 'wand',
  fields: {
    expression: z
      .string()
      .min(1)
      .describe('JSONata over the upstream value ($), $input and $nodes; its value is the output')
      .meta({ title: 'Expression', widget: 'expression', placeholder: '{ "name": $.name }' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => [config.expression],
  async execute(ctx) {
    return { output: await ctx.expressions.evaluate(ctx.config.expression) };
  },
});
