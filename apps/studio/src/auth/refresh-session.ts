import { print } from 'graphql';
import { RefreshSessionDocument } from '../generated/graphql';
import { accessTokenExpiry, sessionStore, type Session } from './session-store';

/** Refresh this long before the access token expires, so requests never carry a stale one. */
const EARLY_REFRESH_MS = 30_000;
let inFlight: Promise<Session | null> | null = null;

/**
 * Rotates the refresh token once, however many callers ask at the same time: the server revokes
 * the whole token family when an old refresh token is reused, so two parallel rotations would
 * sign the user out.
 */
export function refreshSession(): Promise<Session | null> {
  inFlight ??= rotate().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function rotate(): Promise<Session | null> {
  const session = sessionStore.get();
  if (!session) return null;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(RefreshSessionDocument), variables: { refreshToken: session.refreshToken } }),
  }).catch(() => undefined);
  if (!response) return session; // offline: keep the session, the next request retries
  const body = (await response.json().catch(() => ({}))) as { data?: { refreshSession?: Session } };
  const next = body.data?.refreshSession ?? null;
  sessionStore.set(next);
  return next;
}

/** The access token to send now, refreshed first when it is about to expire. */
export async function freshAccessToken(): Promise<string | undefined> {
  const session = sessionStore.get();
  if (!session) return undefined;
  const expiresAt = accessTokenExpiry(session);
  if (expiresAt !== undefined && expiresAt - Date.now() < EARLY_REFRESH_MS) {
    return (await refreshSession())?.accessToken;
  }
  return session.accessToken;
}
