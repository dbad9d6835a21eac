import { decodeJwt } from 'jose';
import { unauthenticated } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';

/**
 * The credential a graphql-ws client sends in `connectionParams`: `{ authorization: 'Bearer <token>' }`
 * (the HTTP header's shape, also accepted as `Authorization` or inside `headers`) or `{ token }`.
 */
export function credentialFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const headers = typeof params.headers === 'object' && params.headers !== null ? (params.headers as Record<string, unknown>) : {};
  const header = params.authorization ?? params.Authorization ?? headers.authorization ?? headers.Authorization;
  if (header !== undefined) {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('connectionParams.authorization must be "Bearer <token>"');
    return match[1];
  }
  if (params.token !== undefined) {
    if (typeof params.token !== 'string' || params.token.length === 0) throw unauthenticated('connectionParams.token must be a string');
    return params.token;
  }
  return undefined;
}

/**
 * When a credential stops being valid, in unix ms: the `exp` claim of a JWT access token;
 * undefined for API keys and anything else without one (those are re-checked periodically).
 */
export function credentialExpiresAt(credential: string): number | undefined {
  if (credential.split('.').length !== 3) return undefined;
  try {
    const { exp } = decodeJwt(credential);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Who a credential belongs to and, when known, until when (unix ms). */
export interface SocketAuthentication {
  readonly caller: Caller | null;
  readonly expiresAt: number | undefined;
}

/**
 * Reads what an Authenticator answered: a caller, or `{ caller, expiresAt }` from authenticators
 * that report expiry. Without a reported expiry, a JWT's own `exp` is used.
 */
export function socketAuthentication(answer: unknown, credential: string): SocketAuthentication {
  if (answer !== null && typeof answer === 'object' && 'caller' in answer && 'expiresAt' in answer) {
    const { caller, expiresAt } = answer as { caller: Caller | null; expiresAt: number | null };
    return { caller, expiresAt: expiresAt ?? credentialExpiresAt(credential) };
  }
  return { caller: (answer as Caller | null) ?? null, expiresAt: credentialExpiresAt(credential) };
}
