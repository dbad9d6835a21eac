import { at, edge, type FlowTemplate } from './flow-template';

export const fetchAndBranch: FlowTemplate = {
  id: 'fetch-and-branch',
  name: 'Fetch a URL and branch on status',
  description: 'Calls a URL, then takes the `true` branch when it answered below 400 and the `false` branch otherwise.',
  category: 'HTTP',
  tags: ['http', 'condition'],
  sampleInput: {},
  nodes: [
    { id: 'start', type: 'trigger.manual', position: at(0), data: {} },
    {
      id: 'fetch',
      type: 'http.request',
      position: at(1),
      data: { label: 'Fetch page', method: 'GET', url: 'https://example.com/', failOnHttpError: false, timeoutMs: 10_000 },
    },
    { id: 'isUp', type: 'condition', position: at(2), data: { label: 'Answered OK?', expression: '$nodes.fetch.status < 400' } },
    { id: 'up', type: 'transform', position: at(3, -1), data: { expression: '{ "up": true, "status": $nodes.fetch.status }' } },
    { id: 'down', type: 'transform', position: at(3, 1), data: { expression: '{ "up": false, "status": $nodes.fetch.status }' } },
    { id: 'join', type: 'merge', position: at(4), data: {} },
    { id: 'result', type: 'output', position: at(5), data: { expression: '$nodes.up ? $nodes.up : $nodes.down' } },
  ],
  edges: [
    edge('start', 'fetch'),
    edge('fetch', 'isUp'),
    edge('isUp', 'up', 'true'),
    edge('isUp', 'down', 'false'),
    edge('up', 'join'),
    edge('down', 'join'),
    edge('join', 'result'),
  ],
};
