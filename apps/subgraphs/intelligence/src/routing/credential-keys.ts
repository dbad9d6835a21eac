import { CredentialStoreClient, CredentialStoreError, type Caller } from '@omnitron/server-kit';
import { AttemptOutcome, ProviderCallError } from '../providers/provider-call-error';

/** How long a key read from a credential is kept before it is read again (a rotation is followed within this). @default 30_000 */
const KEY_TTL_MS = 30_000;

/**
 * Keys of providers that name a workspace credential (type AI_PROVIDER_KEY), resolved through
 * identity's signed route and kept briefly in memory. Identity answers about the workspace of the
 * signed caller; intelligence asks as the workspace itself (no user: the nil id, viewer role).
 */
export class CredentialKeys {
  private readonly cache = new Map<string, { key: string; until: number }>();

  constructor(
    private readonly store: CredentialStoreClient | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key, or a ProviderCallError (CLIENT_ERROR, CREDENTIAL_*) that names no secret. */
  async keyOf(workspaceId: string, credential: string): Promise<string> {
    const cacheKey = `${workspaceId}:${credential}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > this.now()) return cached.key;
    if (!this.store) throw new ProviderCallError(AttemptOutcome.CLIENT_ERROR, 'CREDENTIAL_UNAVAILABLE');
    let resolved;
    try {
      resolved = await this.store.resolve(workspaceCaller(workspaceId), credential);
    } catch (error) {
      if (error instanceof CredentialStoreError) throw new ProviderCallError(AttemptOutcome.CLIENT_ERROR, error.reason === 'NOT_FOUND' ? 'CREDENTIAL_NOT_FOUND' : 'CREDENTIAL_UNAVAILABLE');
      throw error;
    }
    if (resolved.type !== 'AI_PROVIDER_KEY' || typeof resolved.fields.apiKey !== 'string') throw new ProviderCallError(AttemptOutcome.CLIENT_ERROR, 'CREDENTIAL_WRONG_TYPE');
    this.cache.set(cacheKey, { key: resolved.fields.apiKey, until: this.now() + KEY_TTL_MS });
    return resolved.fields.apiKey;
  }

  /** The type of `credential` in the workspace (null when it does not exist); throws CredentialStoreError when identity is unreachable. */
  async typeOf(caller: Caller, credential: string): Promise<string | null> {
    if (!this.store) throw new CredentialStoreError('UNAVAILABLE', 'No credential store is configured');
    return (await this.store.lookup(caller, [credential]))[credential] ?? null;
  }

  forget(workspaceId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${workspaceId}:`)) this.cache.delete(key);
  }
}

const NIL_USER = '00000000-0000-0000-0000-000000000000';
const workspaceCaller = (workspaceId: string): Caller => ({ userId: NIL_USER, workspaceId, role: 'viewer', scopes: null });
