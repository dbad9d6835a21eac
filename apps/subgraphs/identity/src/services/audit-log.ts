import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { AuditEvent } from '../entities/audit-event.entity';

/** What the audit log records. */
export const AuditAction = {
  signedIn: 'session.signed_in',
  signInFailed: 'session.sign_in_failed',
  refreshReuse: 'session.refresh_token_reused',
  registered: 'user.registered',
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
  memberInvited: 'member.invited',
  memberJoined: 'member.joined',
  memberInvitationRevoked: 'member.invitation_revoked',
  memberRoleChanged: 'member.role_changed',
  memberRemoved: 'member.removed',
  workspaceCreated: 'workspace.created',
  credentialCreated: 'credential.created',
  credentialUpdated: 'credential.updated',
  credentialDeleted: 'credential.deleted',
  credentialTested: 'credential.tested',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEntry {
  readonly action: AuditAction;
  readonly workspaceId: string | null;
  readonly actorId: string | null;
  readonly target?: string | null;
  readonly ip?: string | null;
  readonly details?: Record<string, unknown>;
}

/** Adds an event to the unit of work; it is written with the change it describes. */
export function recordAudit(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditEvent, {
    id: randomUUID(),
    action: entry.action,
    workspaceId: entry.workspaceId,
    actorId: entry.actorId,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
    createdAt: new Date(),
  });
}
