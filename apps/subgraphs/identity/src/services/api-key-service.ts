import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { API_KEY_PREFIX, type Caller, type Scope } from '@omnitron/server-kit';
import { ApiKey } from '../entities/api-key.entity';
import { Membership } from '../entities/membership.entity';
import { AuditAction, recordAudit } from './audit-log';
import type { RevocationPublisher } from './revocation-publisher';
import { newApiKeySecret, sha256 } from './tokens';

/** `lastUsedAt` is written at most this often per key, so busy keys cost no write per request. */
export const LAST_USED_PRECISION_MS = 60_000;

export interface CreatedKey {
  readonly secret: string;
  readonly apiKey: ApiKey;
}

/** API keys: created for the caller in its workspace, shown once, stored as sha256, revocable. */
export class ApiKeyService {
  constructor(private readonly revocations: RevocationPublisher) {}

  async create(em: EntityManager, caller: Caller, input: { name: string; scopes: Scope[] }, ip: string | null): Promise<CreatedKey> {
    const secret = newApiKeySecret();
    const apiKey = em.create(ApiKey, {
      id: randomUUID(),
      userId: caller.userId,
      workspaceId: caller.workspaceId,
      name: input.name,
      scopes: input.scopes,
      secretHash: sha256(secret),
      displayPrefix: secret.slice(0, API_KEY_PREFIX.length + 6),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    recordAudit(em, {
      action: AuditAction.apiKeyCreated,
      workspaceId: caller.workspaceId,
      actorId: caller.userId,
      target: apiKey.id,
      ip,
      details: { name: input.name, scopes: input.scopes },
    });
    await em.flush();
    return { secret, apiKey };
  }

  /** The caller's live keys in its active workspace, newest first. */
  list(em: EntityManager, caller: Caller): Promise<ApiKey[]> {
    return em.find(ApiKey, { userId: caller.userId, workspaceId: caller.workspaceId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /**
   * Revokes a key the caller made, or any key of a workspace the caller owns. Returns false when
   * no such key is visible to the caller (answered as NOT_FOUND by the resolver).
   */
  async revoke(em: EntityManager, caller: Caller, id: string, ip: string | null): Promise<boolean> {
    const key = await em.findOne(ApiKey, { id, workspaceId: caller.workspaceId, revokedAt: null });
    if (!key) return false;
    if (key.userId !== caller.userId) {
      const membership = await em.findOne(Membership, { userId: caller.userId, workspaceId: key.workspaceId });
      if (membership?.role !== 'owner') return false;
    }
    key.revokedAt = new Date();
    recordAudit(em, { action: AuditAction.apiKeyRevoked, workspaceId: key.workspaceId, actorId: caller.userId, target: key.id, ip, details: { name: key.name } });
    await em.flush();
    await this.revocations.publish({ kind: 'apiKey', apiKeyId: key.id });
    return true;
  }

  /** The caller an API key acts as, or null when unknown, revoked or its owner left the workspace. */
  async verify(em: EntityManager, secret: string, now = new Date()): Promise<Caller | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const key = await em.findOne(ApiKey, { secretHash: sha256(secret), revokedAt: null });
    if (!key) return null;
    const membership = await em.findOne(Membership, { userId: key.userId, workspaceId: key.workspaceId });
    if (!membership) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
      await em.nativeUpdate(ApiKey, { id: key.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: stale } }] }, { lastUsedAt: now });
    }
    return { userId: key.userId, workspaceId: key.workspaceId, role: membership.role, scopes: key.scopes, apiKeyId: key.id };
  }
}
