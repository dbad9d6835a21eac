import type { HttpPolicy } from '../types';
import { OutboundClient } from '../http/outbound-client';
import { credentialError, CredentialErrorCode } from './credential-errors';
import type { ResolvedCredential } from './credential-types';
import { readLimited } from '../http/read-limited';

interface CachedToken {
  readonly token: string;
  /** Epoch ms after which the token is fetched again. */
  readonly expiresAt: number;
}

/** Tokens are renewed this long before the endpoint says they expire, so none expires in flight. */
const EXPIRY_MARGIN_MS = 30_000;
/** When the endpoint names no lifetime. @default 5 minutes */
const DEFAULT_LIFETIME_MS = 300_000;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** A token request shared by several runs is not tied to any one of them: it has its own deadline. @default 30_000 */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
/** Most credentials whose tokens are kept; the least recently fetched go first. @default 1_000 */
const MAX_CACHED = 1_000;

/**
 * OAuth2 client-credentials access tokens, fetched through the outbound address policy and cached
 * per credential (and version: a rotated secret fetches a new token) until shortly before expiry.
 * Concurrent runs asking for the same credential share one token request.
 */
export class OAuth2Tokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly client: OutboundClient;

  constructor(
    policy: HttpPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.client = new OutboundClient(policy);
  }

  async token(credential: ResolvedCredential, signal: AbortSignal): Promise<string> {
    const key = `${credential.id}:${credential.version}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.token;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchToken(credential, AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS))
        .then((fresh) => {
          this.forget(credential.id);
          this.cache.set(key, fresh);
          if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
          return fresh;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return (await untilAborted(pending, signal)).token;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Drops tokens of older versions of this credential. */
  private forget(id: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${id}:`)) this.cache.delete(key);
  }

  private async fetchToken(credential: ResolvedCredential, signal: AbortSignal): Promise<CachedToken> {
    const fields = credential.fields as { tokenUrl: string; clientId: string; clientSecret: string; scope?: string; audience?: string };
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (fields.scope) form.set('scope', fields.scope);
    if (fields.audience) form.set('audience', fields.audience);
    const basic = Buffer.from(`${encodeURIComponent(fields.clientId)}:${encodeURIComponent(fields.clientSecret)}`).toString('base64');
    const response = await this.client.request(
      {
        method: 'POST',
        url: fields.tokenUrl,
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      signal,
    );
    // An oversized answer reads as no JSON at all: rejected below like any answer without a token.
    const text = (await readLimited(response.body, MAX_TOKEN_RESPONSE_BYTES))?.toString('utf8') ?? '';
    const body = parseJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (response.status >= 400 || typeof body?.access_token !== 'string' || body.access_token.length === 0) {
      throw credentialError(
        CredentialErrorCode.CREDENTIAL_REJECTED,
        `The token endpoint of credential "${credential.name}" answered ${response.status} without an access token`,
        response.status >= 500,
      );
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    return { token: body.access_token, expiresAt: this.now() + Math.max(0, lifetime - EXPIRY_MARGIN_MS) };
  }
}

/** `promise`, or the caller's abort: one run giving up does not cancel a request others wait for. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
