import { z } from 'zod';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

export const subflow = defineNode({
  type: 'subflow',
  title: 'Subflow',
  description: 'Runs another flow with `input`; outputs its output.',
  category: 'flow',
  icon: 'workflow',
  fields: {
    flowId: z.string().min(1).describe('Flow to run'),
    input: z.string().optional().describe('JSONata expression for its input; empty = this node input'),
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
