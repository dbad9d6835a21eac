import { defineEntity, p } from '@mikro-orm/core';

/**
 * The transactional outbox of the flow-change stream: the latest change of a flow that Redis has
 * not taken yet. Written in the same transaction as the change itself and deleted once the event
 * is on the stream, so a change survives a Redis outage and a crash between commit and append.
 */
export const PendingFlowChangeSchema = defineEntity({
  name: 'PendingFlowChange',
  tableName: 'pending_flow_changes',
  indexes: [{ name: 'pending_flow_changes_by_time', properties: ['at'] }],
  properties: {
    flowId: p.string().length(36).primary(),
    /** Identifies this recording, so announcing it never deletes a newer change of the same flow. */
    changeId: p.string().length(36),
    workspaceId: p.string().length(36),
    version: p.integer(),
    change: p.string().length(16),
    actorId: p.string().length(64),
    at: p.datetime(),
  },
});

export class PendingFlowChange extends PendingFlowChangeSchema.class {}
PendingFlowChangeSchema.setClass(PendingFlowChange);
