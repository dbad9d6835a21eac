import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from '@omnitron/server-kit';
import { Invitation } from '../entities/invitation.entity';
import type { SessionService } from './session-service';

/**
 * How long an invitation is kept after it expired. Nothing reads it by then (every query asks for
 * `expiresAt > now`, and inviting the address again renews the row in place); the week only keeps
 * "why can I not accept it?" answerable from the table. Who invited whom stays in the audit log.
 */
export const EXPIRED_INVITATION_RETENTION_MS = 7 * 24 * 3_600_000;

/** How often `sweepExpiredRows` runs after the first sweep on start. */
export const EXPIRED_ROWS_SWEEP_EVERY_MS = 3_600_000;

/** Deletes invitations that expired longer ago than the retention; returns how many. */
export function pruneExpiredInvitations(em: EntityManager, now = Date.now()): Promise<number> {
  return em.nativeDelete(Invitation, { expiresAt: { $lt: new Date(now - EXPIRED_INVITATION_RETENTION_MS) } });
}

/**
 * Deletes the identity rows nobody can use any more: refresh tokens a day after they expired and
 * invitations a week after. Each part runs on its own fork and logs its own failure, so one
 * failing never stops the other (nor rejects: the caller runs it on a timer).
 */
export async function sweepExpiredRows(orm: MikroORM, sessions: SessionService, log: Logger): Promise<void> {
  await Promise.all([
    sessions.pruneExpired(orm.em.fork()).catch((error: unknown) => log.warn({ err: error }, 'pruning expired sessions failed')),
    pruneExpiredInvitations(orm.em.fork()).then(
      (deleted) => deleted > 0 && log.info({ deleted }, 'deleted invitations past their retention'),
      (error: unknown) => log.warn({ err: error }, 'pruning expired invitations failed'),
    ),
  ]);
}
