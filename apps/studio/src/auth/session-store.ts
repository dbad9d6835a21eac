import type { SessionFieldsFragment } from '../generated/graphql';

/** The signed-in session (tokens, user, workspace), kept in localStorage so a reload stays signed in. */
export type Session = SessionFieldsFragment;

const KEY = 'omnitron.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export const sessionStore = {
  get: (): Session | null => current,
  set(session: Session | null): void {
    current = session;
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing in or out changes this tab's session too.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  current = read();
  for (const listener of listeners) listener();
});

/** When the session's access token expires, in ms since the epoch (from the server, else the JWT `exp`). */
export function accessTokenExpiry(session: Session): number | undefined {
  const stated = Date.parse(session.accessTokenExpiresAt);
  if (!Number.isNaN(stated)) return stated;
  const payload = session.accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
