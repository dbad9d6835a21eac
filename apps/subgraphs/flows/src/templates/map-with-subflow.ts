import { at, edge, subflowRef, type FlowTemplate } from './flow-template';

export const mapWithSubflow: FlowTemplate = {
  id: 'map-with-subflow',
  name: 'Map over a list with a subflow',
  description: 'Runs a per-item flow (created with this one) for every element of `input.items`, four at a time, and collects the results.',
  category: 'Flow control',
  tags: ['map', 'subflow'],
  sampleInput: { items: ['apple', 'banana', 42] },
  nodes: [
    { id: 'start', type: 'trigger.manual', position: at(0), data: {} },
    {
      id: 'eachItem',
      type: 'map',
      position: at(1),
      data: { label: 'For each item', items: '$input.items', flowId: subflowRef('per-item'), concurrency: 4 },
    },
    { id: 'results', type: 'output', position: at(2), data: { expression: '{ "results": $nodes.eachItem }' } },
  ],
  edges: [edge('start', 'eachItem'), edge('eachItem', 'results')],
  subflows: [
    {
      key: 'per-item',
      suffix: 'per item',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: at(0), data: {} },
        {
          id: 'describe',
          type: 'transform',
          position: at(1),
          data: { expression: '{ "item": $input, "text": $string($input), "length": $length($string($input)) }' },
        },
        { id: 'done', type: 'output', position: at(2), data: {} },
      ],
      edges: [edge('start', 'describe'), edge('describe', 'done')],
    },
  ],
};
