import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import type { ResolvedCredential } from '@omnitron/nodes';
import type { Caller, SecretBox } from '@omnitron/server-kit';
import { Credential } from '../entities/credential.entity';
import { AuditAction, recordAudit } from './audit-log';
import { validateCredential } from './credential-rules';

/** `lastUsedAt` is written at most this often per credential, so busy credentials cost no write per run. */
export const CREDENTIAL_LAST_USED_PRECISION_MS = 60_000;

export interface CredentialInput {
  readonly name: string;
  readonly type: string;
  readonly fields: unknown;
}

/** A stored credential no configured key opens (its key was rotated away without ENCRYPTION_KEY_PREVIOUS). */
export class UndecryptableCredential extends Error {
  override readonly name = 'UndecryptableCredential';
}

/** The additional data each ciphertext is bound to: a sealed row copied to another workspace or credential does not open. */
const contextOf = (credential: Pick<Credential, 'workspaceId' | 'id'>): string => `credential:${credential.workspaceId}:${credential.id}`;

/**
 * The credential store: per workspace, validated against the type's schema, secret fields sealed
 * with the platform key, every change audited. Values leave only through `resolve` (the signed
 * internal route and testCredential).
 */
export class CredentialStore {
  constructor(private readonly box: SecretBox) {}

  list(em: EntityManager, workspaceId: string): Promise<Credential[]> {
    return em.find(Credential, { workspaceId }, { orderBy: { name: 'asc' } });
  }

  /** Another workspace's id answers like a missing one. */
  async get(em: EntityManager, workspaceId: string, id: string): Promise<Credential> {
    const credential = await em.findOne(Credential, { id, workspaceId });
    if (!credential) throw notFound('Credential');
    return credential;
  }

  async create(em: EntityManager, caller: Caller, input: CredentialInput, ip: string | null): Promise<Credential> {
    const valid = validateCredential(input);
    await this.assertNameFree(em, caller.workspaceId, valid.name);
    const now = new Date();
    const id = randomUUID();
    const credential = em.create(Credential, {
      id,
      workspaceId: caller.workspaceId,
      name: valid.name,
      type: valid.type,
      publicFields: valid.publicFields,
      sealedFields: this.box.seal(JSON.stringify(valid.secretFields), contextOf({ workspaceId: caller.workspaceId, id })),
      keyId: this.box.keyId,
      createdBy: caller.userId,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: null,
    });
    this.audit(em, AuditAction.credentialCreated, caller, credential, ip);
    await em.flush();
    return credential;
  }

  /**
   * Replaces name and fields; secret fields left out keep their stored values (so an editor can
   * rename or change a URL without knowing the secret). The type cannot change.
   */
  async update(em: EntityManager, caller: Caller, id: string, input: CredentialInput, ip: string | null): Promise<Credential> {
    const credential = await this.get(em, caller.workspaceId, id);
    if (input.type !== credential.type) {
      throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'type: A credential keeps its type; create another one instead', { problems: [{ field: 'type', message: 'A credential keeps its type' }], fields: ['type'] });
    }
    const given = isRecord(input.fields) ? input.fields : {};
    // A credential no key opens any more can still be repaired by giving every secret field again.
    const stored = this.secretsOrNone(credential);
    const merged = { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined && value !== null && value !== '')) };
    const valid = validateCredential({ name: input.name, type: input.type, fields: merged });
    if (valid.name !== credential.name) await this.assertNameFree(em, caller.workspaceId, valid.name);
    const rotated = Object.keys(valid.secretFields).filter((key) => key in given && given[key] !== stored[key]);
    credential.name = valid.name;
    credential.publicFields = valid.publicFields;
    credential.sealedFields = this.box.seal(JSON.stringify(valid.secretFields), contextOf(credential));
    credential.keyId = this.box.keyId;
    credential.updatedAt = new Date();
    this.audit(em, AuditAction.credentialUpdated, caller, credential, ip, { rotatedFields: rotated });
    await em.flush();
    return credential;
  }

  async delete(em: EntityManager, caller: Caller, id: string, ip: string | null): Promise<void> {
    const credential = await this.get(em, caller.workspaceId, id);
    this.audit(em, AuditAction.credentialDeleted, caller, credential, ip);
    em.remove(credential);
    await em.flush();
  }

  recordTest(em: EntityManager, caller: Caller, credential: Credential, ip: string | null, outcome: { ok: boolean; code: string }): Promise<void> {
    this.audit(em, AuditAction.credentialTested, caller, credential, ip, outcome);
    return em.flush();
  }

  /** The named credential of the workspace with its fields decrypted, or null; marks it used. Throws when it does not decrypt. */
  async resolve(em: EntityManager, workspaceId: string, name: string, now = new Date()): Promise<ResolvedCredential | null> {
    const credential = await em.findOne(Credential, { workspaceId, name });
    if (!credential) return null;
    const resolved = this.decrypted(credential);
    if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() >= CREDENTIAL_LAST_USED_PRECISION_MS) {
      const stale = new Date(now.getTime() - CREDENTIAL_LAST_USED_PRECISION_MS);
      await em.nativeUpdate(Credential, { id: credential.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: stale } }] }, { lastUsedAt: now });
    }
    return resolved;
  }

  decrypted(credential: Credential): ResolvedCredential {
    return {
      id: credential.id,
      name: credential.name,
      type: credential.type as ResolvedCredential['type'],
      fields: { ...credential.publicFields, ...this.secretsOf(credential) },
      version: String(credential.updatedAt.getTime()),
    };
  }

  /** name -> type for the names that exist in the workspace. */
  async typesOf(em: EntityManager, workspaceId: string, names: readonly string[]): Promise<Record<string, string>> {
    if (names.length === 0) return {};
    const rows = await em.find(Credential, { workspaceId, name: { $in: [...new Set(names)] } }, { fields: ['name', 'type'] });
    return Object.fromEntries(rows.map((row) => [row.name, row.type]));
  }

  private secretsOrNone(credential: Credential): Record<string, unknown> {
    try {
      return this.secretsOf(credential);
    } catch (error) {
      if (error instanceof UndecryptableCredential) return {};
      throw error;
    }
  }

  private secretsOf(credential: Credential): Record<string, unknown> {
    let plaintext: string;
    try {
      plaintext = this.box.open(credential.sealedFields, contextOf(credential));
    } catch {
      throw new UndecryptableCredential(`Credential "${credential.name}" cannot be decrypted with the configured keys`);
    }
    return JSON.parse(plaintext) as Record<string, unknown>;
  }

  private async assertNameFree(em: EntityManager, workspaceId: string, name: string): Promise<void> {
    if (await em.count(Credential, { workspaceId, name })) {
      throw new OmnitronError(ErrorCode.CONFLICT, `A credential named "${name}" already exists in this workspace`, { fields: ['name'] });
    }
  }

  private audit(em: EntityManager, action: AuditAction, caller: Caller, credential: Credential, ip: string | null, details: Record<string, unknown> = {}): void {
    recordAudit(em, { action, workspaceId: caller.workspaceId, actorId: caller.userId, target: credential.id, ip, details: { name: credential.name, type: credential.type, ...details } });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
