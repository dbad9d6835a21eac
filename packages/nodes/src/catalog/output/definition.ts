import { z } from 'zod';
import { defineNode } from '../node-definition';

export const output = defineNode({
  type: 'output',
  title: 'Output',
  description: "Marks the execution's output: the expression's value, or the node's input when empty.",
  category: 'flow',
  effects: 'none',
  icon: 'flag',
  fields: {
    expression: z
      .string()
      .optional()
      .describe("JSONata expression for the run's output; empty passes the input through")
      .meta({ title: 'Output value', widget: 'expression' }),
  },
  inputs: ['in'],
  // The end of a path: nothing runs after the run's output, so there is no handle to connect from.
  outputs: [],
  expressionsOf: (config) => (config.expression ? [config.expression] : []),
  async execute(ctx) {
    const { expression } = ctx.config;
    return { output: expression ? await ctx.expressions.evaluate(expression) : ctx.upstream };
  },
});
