import { defineNode } from '../node-definition';

export const merge = defineNode({
  type: 'merge',
  title: 'Merge',
  description: 'Waits for every inbound branch that is not skipped; outputs their values keyed by source node id.',
  category: 'logic',
  effects: 'none',
  icon: 'merge',
  fields: {},
  inputs: ['in'],
  outputs: ['out'],
  upstream: 'keyed',
  async execute(ctx) {
    return { output: ctx.upstream };
  },
});
