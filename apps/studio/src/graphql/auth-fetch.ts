import { freshAccessToken, refreshSession } from '../auth/refresh-session';

function withAuthorization(init: RequestInit | undefined, token: string | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function isUnauthenticated(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (!response.headers.get('content-type')?.includes('json')) return false;
  const body = (await response.clone().json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
  return body?.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
}

/**
 * `fetch` for the GraphQL client: sends a fresh access token and, when the gateway still answers
 * UNAUTHENTICATED (token revoked or clock skew), refreshes the session and retries once.
 */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const token = await freshAccessToken();
  const response = await fetch(input, withAuthorization(init, token));
  if (!token || !(await isUnauthenticated(response))) return response;
  const refreshed = await refreshSession();
  if (!refreshed) return response;
  return fetch(input, withAuthorization(init, refreshed.accessToken));
}
