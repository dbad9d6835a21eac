import type { CredentialsService } from './credentials-service';
import { HTTP_CREDENTIAL_TYPES, type ResolvedCredential } from './credential-types';

/** What a credential adds to an HTTP request. */
export interface HttpAuthorization {
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
  /** Every string it added, in every form it travels in: masked in run data. */
  readonly secrets: string[];
}

/**
 * The headers or query parameters an HTTP credential adds; OAuth2 fetches (or reuses) a token.
 * The one code path for http.request at run time and for testCredential.
 */
export async function httpAuthorizationOf(credential: ResolvedCredential, tokens: Pick<CredentialsService, 'tokens'>['tokens'], signal: AbortSignal): Promise<HttpAuthorization> {
  const fields = credential.fields as Record<string, string>;
  switch (credential.type) {
    case 'HTTP_HEADER':
      return { headers: { [fields.header!]: fields.value! }, query: {}, secrets: [fields.value!] };
    case 'BEARER':
      return { headers: { authorization: `Bearer ${fields.token}` }, query: {}, secrets: [fields.token!] };
    case 'BASIC': {
      const encoded = Buffer.from(`${fields.username}:${fields.password}`).toString('base64');
      return { headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: [encoded, fields.password!] };
    }
    case 'QUERY_API_KEY':
      return { headers: {}, query: { [fields.parameter!]: fields.value! }, secrets: [fields.value!, encodeURIComponent(fields.value!), new URLSearchParams({ v: fields.value! }).toString().slice(2)] };
    case 'OAUTH2_CLIENT_CREDENTIALS': {
      const token = await tokens.token(credential, signal);
      return { headers: { authorization: `Bearer ${token}` }, query: {}, secrets: [token, fields.clientSecret!] };
    }
    default:
      throw new Error(`${credential.type} is not one of ${HTTP_CREDENTIAL_TYPES.join(', ')}`);
  }
}

/** `url` with the credential's query parameters set (replacing any of the same name). */
export function withQuery(url: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return url;
  const parsed = new URL(url);
  for (const [name, value] of entries) parsed.searchParams.set(name, value);
  return parsed.toString();
}
