import { z } from 'zod';
import { abortableSleep } from '../../engine/sleep';
import { defineNode } from '../node-definition';

export const delay = defineNode({
  type: 'delay',
  title: 'Delay',
  description: 'Waits `ms` milliseconds (cancellable), then passes its input through.',
  category: 'flow',
  icon: 'hourglass',
  fields: {
    ms: z.number().int().min(0).max(86_400_000).describe('Milliseconds to wait'),
  },
  inputs: ['in'],
  outputs: ['out'],
  async execute(ctx) {
    await abortableSleep(ctx.config.ms, ctx.signal);
    return { output: ctx.upstream };
  },
});
