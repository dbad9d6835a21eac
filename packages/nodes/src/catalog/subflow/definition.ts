import { z } from 'zod';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

export const subflow = defineNode({
  type: 'subflow',
  title: 'Subflow',
  description: 'Runs another flow with `input`; outputs its output.',
  category: 'flow',
  effects: 'worker',
  icon: 'workflow',
  fields: {
    flowId: z.string().min(1).describe('Id of the flow to run').meta({ title: 'Flow' }),
    input: z
      .string()
      .optional()
      .describe("JSONata expression for the flow's input; empty passes this node's input")
      .meta({ title: 'Input', widget: 'expression' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => (config.input ? [config.input] : []),
  async execute(ctx) {
    const flows = requireService(ctx.services, 'flows', 'subflow');
    const input = ctx.config.input ? await ctx.expressions.evaluate(ctx.config.input) : ctx.upstream;
    const output = await flows.runSubflow({ flowId: ctx.config.flowId, input, parentNodeId: ctx.nodeId }, ctx.signal);
    return { output };
  },
});
