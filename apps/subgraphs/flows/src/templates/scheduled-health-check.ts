import { at, edge, type FlowTemplate } from './flow-template';

export const scheduledHealthCheck: FlowTemplate = {
  id: 'scheduled-health-check',
  name: 'Scheduled health check',
  description: 'Every five minutes, calls a URL with a 10 s timeout (retried twice) and records whether it is healthy.',
  category: 'Monitoring',
  tags: ['schedule', 'http', 'monitoring'],
  sampleInput: {},
  nodes: [
    { id: 'every5min', type: 'trigger.schedule', position: at(0), data: { cron: '*/5 * * * *', timezone: 'UTC' } },
    {
      id: 'probe',
      type: 'http.request',
      position: at(1),
      data: {
        method: 'GET',
        url: 'https://example.com/',
        failOnHttpError: false,
        timeoutMs: 10_000,
        retry: { maxAttempts: 3, backoff: 'exponential', delayMs: 1_000 },
        onError: 'continue',
      },
    },
    {
      id: 'verdict',
      type: 'transform',
      position: at(2),
      data: { expression: '{ "healthy": $exists($nodes.probe.status) and $nodes.probe.status < 400, "status": $nodes.probe.status, "checkedAt": $now() }' },
    },
    { id: 'record', type: 'output', position: at(3), data: {} },
  ],
  edges: [edge('every5min', 'probe'), edge('probe', 'verdict'), edge('verdict', 'record')],
};
