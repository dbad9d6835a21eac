import { createClient, type Client } from 'graphql-ws';
import { freshAccessToken } from '../auth/refresh-session';
import { sessionStore } from '../auth/session-store';

function socketUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The graphql-ws connection to the gateway's `/graphql`. `connectionParams` runs on every
 * (re)connect, so a reconnect after a token refresh authenticates with the new token.
 */
export const wsClient: Client = createClient({
  url: socketUrl(),
  lazy: true,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  connectionParams: async () => {
    const token = await freshAccessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
});

// A different user must not keep the old socket's identity; token rotation alone keeps the socket.
let lastUserId = sessionStore.get()?.user.id;
sessionStore.subscribe(() => {
  const userId = sessionStore.get()?.user.id;
  if (userId !== lastUserId) resetSocket();
  lastUserId = userId;
});

/** Reconnects with the current token (after sign-out or a workspace switch). */
export function resetSocket(): void {
  wsClient.terminate();
}
