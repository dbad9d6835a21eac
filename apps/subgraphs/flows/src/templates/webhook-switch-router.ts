import { at, edge, type FlowTemplate } from './flow-template';

export const webhookSwitchRouter: FlowTemplate = {
  id: 'webhook-switch-router',
  name: 'Route webhook events by type',
  description: 'Receives events on a webhook and handles `order` and `refund` events on their own branch, everything else on the default one.',
  category: 'Getting started',
  tags: ['webhook', 'switch'],
  sampleInput: { body: { type: 'order', id: 'ord_1001' } },
  nodes: [
    { id: 'events', type: 'trigger.webhook', position: at(0, 1), data: { path: '', respond: 'immediately' } },
    { id: 'byType', type: 'switch', position: at(1, 1), data: { expression: '$input.body.type', cases: ['order', 'refund'] } },
    { id: 'order', type: 'transform', position: at(2, 0), data: { expression: '{ "handled": "order", "id": $input.body.id }' } },
    { id: 'refund', type: 'transform', position: at(2, 1), data: { expression: '{ "handled": "refund", "id": $input.body.id }' } },
    { id: 'other', type: 'transform', position: at(2, 2), data: { expression: '{ "handled": "ignored", "type": $input.body.type }' } },
    { id: 'join', type: 'merge', position: at(3, 1), data: {} },
    { id: 'done', type: 'output', position: at(4, 1), data: {} },
  ],
  edges: [
    edge('events', 'byType'),
    edge('byType', 'order', 'case-0'),
    edge('byType', 'refund', 'case-1'),
    edge('byType', 'other', 'default'),
    edge('order', 'join'),
    edge('refund', 'join'),
    edge('other', 'join'),
    edge('join', 'done'),
  ],
};
