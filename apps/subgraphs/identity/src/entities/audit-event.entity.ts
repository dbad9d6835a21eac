import { defineEntity, p } from '@mikro-orm/core';

/** One security-relevant event. `workspaceId` null = not attributable to a workspace (e.g. unknown email). */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    action: p.string().length(64),
    target: p.string().length(320).nullable(),
    ip: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
