import { z } from 'zod';
import { routeOf, signCaller, type Caller } from './caller';

/**
 * The identity subgraph's credential routes, signed with the caller (whose workspace is the one
 * looked in): the worker and intelligence resolve a credential by name (decrypted fields, only
 * ever over this signed route), flows looks up the types of names a flow references.
 */
export const CREDENTIAL_RESOLVE_PATH = '/internal/credentials/resolve';
export const CREDENTIAL_LOOKUP_PATH = '/internal/credentials/lookup';

export const credentialResolveRequestSchema = z.object({ name: z.string().min(1).max(100) });
export const credentialLookupRequestSchema = z.object({ names: z.array(z.string().min(1).max(100)).max(500) });

export interface ResolvedCredentialBody {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly fields: Record<string, unknown>;
  /** Changes whenever the fields do (cache keys). */
  readonly version: string;
}

/** Why a resolve failed, as the client tells it. */
export type CredentialLookupFailure = 'NOT_FOUND' | 'UNAVAILABLE';

export class CredentialStoreError extends Error {
  override readonly name = 'CredentialStoreError';
  constructor(
    readonly reason: CredentialLookupFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Calls identity's credential routes; the base URL is IDENTITY_URL (its `/graphql` path is replaced). */
export class CredentialStoreClient {
  constructor(
    private readonly identityUrl: string,
    private readonly signingKey: string,
  ) {}

  /** The credential named `name` in the caller's workspace; CredentialStoreError NOT_FOUND or UNAVAILABLE otherwise. */
  async resolve(caller: Caller, name: string, signal?: AbortSignal): Promise<ResolvedCredentialBody> {
    const response = await this.post(CREDENTIAL_RESOLVE_PATH, caller, { name }, signal);
    if (response.status === 404) throw new CredentialStoreError('NOT_FOUND', `No credential named "${name}" in this workspace`);
    if (!response.ok) throw new CredentialStoreError('UNAVAILABLE', `Credential "${name}" could not be read (${response.status})`);
    return ((await response.json()) as { credential: ResolvedCredentialBody }).credential;
  }

  /** The type of each name that exists in the caller's workspace (names absent from the answer do not exist). */
  async lookup(caller: Caller, names: readonly string[], signal?: AbortSignal): Promise<Record<string, string>> {
    const response = await this.post(CREDENTIAL_LOOKUP_PATH, caller, { names }, signal);
    if (!response.ok) throw new CredentialStoreError('UNAVAILABLE', `Credentials could not be looked up (${response.status})`);
    return ((await response.json()) as { types: Record<string, string> }).types;
  }

  private async post(path: string, caller: Caller, body: unknown, signal?: AbortSignal): Promise<Response> {
    const url = new URL(path, this.identityUrl);
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signCaller(this.signingKey, routeOf('POST', url), caller) },
        body: JSON.stringify(body),
        signal: signal ?? AbortSignal.timeout(10_000),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new CredentialStoreError('UNAVAILABLE', 'The credential store is not reachable');
    }
  }
}
