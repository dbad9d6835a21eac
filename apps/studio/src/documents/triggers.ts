import { graphql } from '../generated';

export const SchedulePreviewQuery = graphql(`
  query SchedulePreview($cron: String!, $timezone: String!, $count: Int) { schedulePreview(cron: $cron, timezone: $timezone, count: $count) }
`);

export const ListenForTestWebhookMutation = graphql(`
  mutation ListenForTestWebhook($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) {
    listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id path status expiresAt executionId }
  }
`);

export const WebhookTestListenQuery = graphql(`
  query WebhookTestListen($id: ID!) { webhookTestListen(id: $id) { id status executionId expiresAt } }
`);
