import { webhookFlow } from '../flow-fixtures';
import type { GatewayClient } from '../gateway-client';
import { runClients, type LoadBounds, type LoadResult } from '../load';

export interface WebhookRegistration {
  readonly path: string;
  /** ms from createFlow until the path answered, if saving and activating the flow registered it. */
  readonly registeredOnSaveAfterMs?: number;
  /** Set when saving did not register it within the wait and syncFlowTriggers was called. */
  readonly explicitSyncReason?: string;
}

const isRunResult = (answer: { status: number; body: unknown }, n: number) =>
  answer.status === 200 && (answer.body as { n?: unknown } | null)?.n === n * 2;

/**
 * Saves a webhook flow, activates it (new flows start inactive; activation returns once the path
 * is registered) and waits up to `waitMs` for its path to answer. If it never does, registers it
 * with `syncFlowTriggers` (public mutation) and says so.
 */
export async function registerWebhook(client: GatewayClient, path: string, waitMs: number): Promise<WebhookRegistration> {
  const { createFlow } = await client.request<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: webhookFlow(path) });
  const saved = performance.now();
  await client.request('mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: createFlow.id });
  let lastStatus = 0;
  while (performance.now() - saved < waitMs) {
    const answer = await client.webhook(path, { n: 1 });
    lastStatus = answer.status;
    if (isRunResult(answer, 1)) return { path, registeredOnSaveAfterMs: performance.now() - saved };
    await new Promise((r) => setTimeout(r, 250));
  }
  await client.request('mutation ($id: ID!) { syncFlowTriggers(flowId: $id) { webhooks } }', { id: createFlow.id });
  const answer = await client.webhook(path, { n: 1 });
  if (!isRunResult(answer, 1)) throw new Error(`webhook still answers ${answer.status} ${JSON.stringify(answer.body)} after syncFlowTriggers`);
  return { path, explicitSyncReason: `POST /webhooks/${path} still answered ${lastStatus} ${waitMs} ms after createFlow` };
}

/** POST /webhooks/<path> from `clients` concurrent clients; each answer must be the run's output. */
export function measureWebhooks(client: GatewayClient, path: string, bounds: LoadBounds): Promise<LoadResult> {
  return runClients(bounds, async (index) => {
    const answer = await client.webhook(path, { n: index });
    if (!isRunResult(answer, index)) throw new Error(`webhook answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  });
}
