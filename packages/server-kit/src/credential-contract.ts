import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { routeOf, signCaller, type Caller } from './caller';
import type { InternalRoutes } from './http/internal-routes';
import { currentRequestId } from './http/request-context';

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

/** An answer of a credential route, however it was reached. */
interface RouteAnswer {
  readonly status: number;
  readonly ok: boolean;
  json(): Promise<unknown>;
}

/**
 * Calls identity's credential routes: over HTTP at IDENTITY_URL (its `/graphql` path is replaced),
 * signed for the caller, or, given identity's routes in this process (`LocalSubgraph.routes`), in
 * process with the caller handed over as a value.
 */
export class CredentialStoreClient {
  constructor(
    private readonly identity: string | InternalRoutes,
    private readonly signingKey = '',
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

  private async post(path: string, caller: Caller, body: unknown, signal?: AbortSignal): Promise<RouteAnswer> {
    try {
      if (typeof this.identity !== 'string') {
        signal?.throwIfAborted();
        const answer = await this.identity.post({ path, contentType: 'application/json', body: JSON.stringify(body), caller, requestId: currentRequestId() ?? randomUUID() });
        return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, json: async () => JSON.parse(answer.body.toString('utf8')) as unknown };
      }
      const url = new URL(path, this.identity);
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
