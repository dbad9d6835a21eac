import { getNodeDefinition } from '../catalog';
import { isTrigger } from '../catalog/node-definition';
import { scheduleTrigger } from '../catalog/trigger.schedule/definition';
import { webhookTrigger, type WebhookMethod } from '../catalog/trigger.webhook/definition';
import type { WebhookSignature } from '../catalog/trigger.webhook/signature';
import type { FlowGraph, FlowNode } from '../types';

/** Nodes that can start the flow (manual, webhook, schedule). */
export function findTriggers(flow: FlowGraph): FlowNode[] {
  return flow.nodes.filter((node) => {
    const definition = getNodeDefinition(node.type);
    return definition !== undefined && isTrigger(definition);
  });
}

export interface WebhookTrigger {
  nodeId: string;
  /** Path under /webhooks/; empty when the flow was saved without one (generate one at save). */
  path: string;
  respond: 'end' | 'immediately';
  /** Methods it accepts (POST unless configured). */
  methods: readonly WebhookMethod[];
  /** The signature check, when the trigger has one. */
  signature?: WebhookSignature;
}

export interface ScheduleTrigger {
  nodeId: string;
  cron: string;
  timezone: string;
  /** What happens to a fire missed while the platform was down. */
  missed: 'skip' | 'fireOnce';
}

/** The flow's webhook triggers with their parsed config; triggers with an invalid config are left out. */
export function webhookTriggersOf(flow: FlowGraph): WebhookTrigger[] {
  return flow.nodes.flatMap((node) => {
    if (node.type !== webhookTrigger.type) return [];
    const parsed = webhookTrigger.schema.safeParse(node.data);
    return parsed.success ? [{ nodeId: node.id, path: parsed.data.path, respond: parsed.data.respond, methods: parsed.data.methods, ...(parsed.data.signature ? { signature: parsed.data.signature } : {}) }] : [];
  });
}

/** The path of the flow's first webhook trigger, if it has one with a path. */
export function findWebhookPath(flow: FlowGraph): string | undefined {
  return webhookTriggersOf(flow).find((trigger) => trigger.path !== '')?.path;
}

/** The flow's schedule triggers with their parsed config; triggers with an invalid config are left out. */
export function scheduleOf(flow: FlowGraph): ScheduleTrigger[] {
  return flow.nodes.flatMap((node) => {
    if (node.type !== scheduleTrigger.type) return [];
    const parsed = scheduleTrigger.schema.safeParse(node.data);
    return parsed.success ? [{ nodeId: node.id, cron: parsed.data.cron, timezone: parsed.data.timezone, missed: parsed.data.missed }] : [];
  });
}
