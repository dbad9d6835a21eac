import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { unauthenticated } from '@omnitron/schema';
import type { AccessTokenSigner, Role } from '@omnitron/server-kit';
import { Membership } from '../entities/membership.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { AuditAction, recordAudit } from './audit-log';
import type { RevocationPublisher } from './revocation-publisher';
import { newRefreshToken, sha256 } from './tokens';

/** A signed-in session as handed to the client. */
export interface IssuedSession {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly userId: string;
  readonly workspaceId: string;
  readonly role: Role;
}

export interface SessionServiceOptions {
  readonly signer: AccessTokenSigner;
  readonly revocations: RevocationPublisher;
  /** @default 30 days */
  readonly refreshTokenTtlMs?: number;
  /**
   * How long a rotated token may still be exchanged once more without counting as theft: two tabs
   * or a retried request that refresh with the same token at once each get a token of the same
   * session. After this window, presenting a rotated token revokes the session. @default 10 s
   */
  readonly reuseGraceMs?: number;
}

const invalidSession = () => unauthenticated('Session expired or revoked; sign in again');

/**
 * Sessions are refresh-token families. Each refresh rotates the token; presenting a token that
 * was rotated longer ago than the grace window means someone kept a copy, so the whole family is
 * revoked (theft detection). Within the window (concurrent refreshes from two tabs, a retry after
 * a lost response) the token is exchanged again for a sibling in the same family.
 */
export class SessionService {
  private readonly refreshTtlMs: number;
  private readonly reuseGraceMs: number;

  constructor(private readonly options: SessionServiceOptions) {
    this.refreshTtlMs = options.refreshTokenTtlMs ?? 30 * 24 * 3600 * 1000;
    this.reuseGraceMs = options.reuseGraceMs ?? 10_000;
  }

  /**
   * Starts a session (new family) or continues `familyId`; the caller flushes `em`. The token's
   * role and generation both come from `membership`, one row as read: if that role has been
   * changed since, so has the generation, and gateways refuse the token.
   */
  async issue(em: EntityManager, membership: Pick<Membership, 'userId' | 'workspaceId' | 'role' | 'generation'>, familyId: string = randomUUID()): Promise<IssuedSession> {
    const refreshToken = newRefreshToken();
    const now = new Date();
    em.create(RefreshToken, {
      id: randomUUID(),
      familyId,
      userId: membership.userId,
      workspaceId: membership.workspaceId,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.refreshTtlMs),
      rotatedAt: null,
      revokedAt: null,
    });
    const { userId, workspaceId, role, generation } = membership;
    const access = await this.options.signer.sign({ userId, workspaceId, role, generation, sessionId: familyId });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, userId, workspaceId, role };
  }

  /** Rotates `refreshToken`; reuse of a rotated one after the grace window revokes the family and fails. */
  async refresh(em: EntityManager, refreshToken: string, ip: string | null): Promise<IssuedSession> {
    const row = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) });
    const now = new Date();
    if (!row || row.revokedAt || row.expiresAt <= now) throw invalidSession();
    const claimed = row.rotatedAt
      ? 0
      : await em.nativeUpdate(RefreshToken, { id: row.id, rotatedAt: null, revokedAt: null }, { rotatedAt: now });
    // Lost the claim: another refresh rotated it (or a logout revoked it) since we read it. A fresh
    // fork reads the row as committed now, not from this request's identity map.
    const current = claimed === 0 && !row.rotatedAt ? await em.fork().findOne(RefreshToken, { id: row.id }) : row;
    if (!current || current.revokedAt) throw invalidSession();
    const withinGrace = current.rotatedAt != null && now.getTime() - current.rotatedAt.getTime() <= this.reuseGraceMs;
    if (claimed === 0 && !withinGrace) {
      await this.revokeFamily(em, row.familyId);
      recordAudit(em, { action: AuditAction.refreshReuse, workspaceId: row.workspaceId, actorId: row.userId, ip, details: { sessionId: row.familyId } });
      await em.flush();
      throw invalidSession();
    }
    const membership =
      (await em.findOne(Membership, { userId: row.userId, workspaceId: row.workspaceId })) ??
      (await em.findOne(Membership, { userId: row.userId }, { orderBy: { createdAt: 'asc' } }));
    if (!membership) throw invalidSession();
    const session = await this.issue(em, membership, row.familyId);
    await em.flush();
    return session;
  }

  /** Ends the session `refreshToken` belongs to. Unknown tokens are ignored (logout is idempotent). */
  async end(em: EntityManager, refreshToken: string): Promise<void> {
    const row = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) });
    if (row) await this.revokeFamily(em, row.familyId);
  }

  /** Deletes refresh tokens that expired more than a day ago; returns how many. */
  pruneExpired(em: EntityManager, now = Date.now()): Promise<number> {
    return em.nativeDelete(RefreshToken, { expiresAt: { $lt: new Date(now - 24 * 3600 * 1000) } });
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
    await this.options.revocations.publish({ kind: 'session', sessionId: familyId });
  }
}
