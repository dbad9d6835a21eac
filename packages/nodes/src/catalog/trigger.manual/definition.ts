import { defineNode } from '../node-definition';

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  title: 'Manual trigger',
  description: 'Starts the flow from the studio or the API; outputs the execution input.',
  category: 'trigger',
  effects: 'none',
  icon: 'play',
  fields: {},
  inputs: [],
  outputs: ['out'],
  async execute(ctx) {
    return { output: ctx.input };
  },
});
