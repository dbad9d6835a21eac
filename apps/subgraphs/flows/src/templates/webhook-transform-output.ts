import { at, edge, type FlowTemplate } from './flow-template';

export const webhookTransformOutput: FlowTemplate = {
  id: 'webhook-transform-output',
  name: 'Webhook to JSON reply',
  description: 'Receives a POST on a generated webhook path, reshapes the body with JSONata and replies with the result.',
  category: 'Getting started',
  tags: ['webhook', 'transform'],
  sampleInput: { body: { name: 'Ada', plan: 'pro' } },
  nodes: [
    { id: 'webhook', type: 'trigger.webhook', position: at(0), data: { label: 'Incoming webhook', path: '', respond: 'end' } },
    {
      id: 'reshape',
      type: 'transform',
      position: at(1),
      data: { label: 'Reshape', expression: '{ "received": $input.body, "fields": $count($keys($input.body)), "receivedAt": $now() }' },
    },
    { id: 'reply', type: 'output', position: at(2), data: { label: 'Reply' } },
  ],
  edges: [edge('webhook', 'reshape'), edge('reshape', 'reply')],
};
