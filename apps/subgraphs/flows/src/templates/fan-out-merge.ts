import { at, edge, type FlowTemplate } from './flow-template';

const targets = [
  { id: 'fetchCom', url: 'https://example.com/' },
  { id: 'fetchOrg', url: 'https://example.org/' },
  { id: 'fetchNet', url: 'https://example.net/' },
];

export const fanOutMerge: FlowTemplate = {
  id: 'fan-out-merge',
  name: 'Fan out three HTTP calls and merge',
  description: 'Calls three URLs at the same time, waits for all of them and reports each status.',
  category: 'HTTP',
  tags: ['http', 'parallel', 'merge'],
  sampleInput: {},
  nodes: [
    { id: 'start', type: 'trigger.manual', position: at(0, 1), data: {} },
    ...targets.map(({ id, url }, row) => ({
      id,
      type: 'http.request',
      position: at(1, row),
      data: { method: 'GET', url, failOnHttpError: false, timeoutMs: 10_000 },
    })),
    { id: 'join', type: 'merge', position: at(2, 1), data: {} },
    {
      id: 'report',
      type: 'output',
      position: at(3, 1),
      data: { expression: '{ "com": $nodes.fetchCom.status, "org": $nodes.fetchOrg.status, "net": $nodes.fetchNet.status }' },
    },
  ],
  edges: [...targets.flatMap(({ id }) => [edge('start', id), edge(id, 'join')]), edge('join', 'report')],
};
