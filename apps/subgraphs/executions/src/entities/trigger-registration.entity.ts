import { defineEntity, p } from '@mikro-orm/core';
import type { FlowGraph } from '@omnitron/nodes';
import type { FlowRunSettings } from '../clients/flows-client';

export type TriggerKind = 'webhook' | 'schedule';

/**
 * A flow's webhook or schedule trigger as of its last sync, with the graph to run, so a webhook
 * call or a schedule tick starts a run without asking the flows subgraph.
 */
export const TriggerRegistrationSchema = defineEntity({
  name: 'TriggerRegistration',
  tableName: 'trigger_registrations',
  properties: {
    flowId: p.uuid().primary(),
    nodeId: p.string().length(200).primary(),
    workspaceId: p.uuid().index(),
    kind: p.string().length(16).$type<TriggerKind>(),
    /** Webhook path under /webhooks/ (unique). */
    path: p.string().length(200).nullable().unique(),
    respond: p.string().length(16).$type<'end' | 'immediately'>().nullable(),
    cron: p.string().length(200).nullable(),
    timezone: p.string().length(100).nullable(),
    flowVersion: p.integer(),
    /** The flow's name at `flowVersion`, pinned on the runs the trigger starts. */
    flowName: p.string().length(200).nullable(),
    graph: p.json<FlowGraph>(),
    /** The flow's settings (concurrency, priority, error flow) as of the sync, pinned on the runs it starts; null from before they were kept. */
    settings: p.json<FlowRunSettings>().nullable(),
    /** Runs started by the trigger are attributed to whoever last saved the flow. */
    registeredBy: p.uuid(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class TriggerRegistration extends TriggerRegistrationSchema.class {}
TriggerRegistrationSchema.setClass(TriggerRegistration);
