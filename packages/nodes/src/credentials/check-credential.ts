import { guardedRequest } from '../http/guarded-request';
import { NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { HTTP_CREDENTIAL_TYPES, type ResolvedCredential } from './credential-types';
import { httpAuthorizationOf, withQuery } from './http-credential';
import type { OAuth2Tokens } from './oauth2-tokens';
import { postgresTargetOf, type PostgresTarget } from './postgres-target';
import { SecretMask } from './secret-mask';

export interface CredentialTestResult {
  ok: boolean;
  /** `OK`, or why not: a node error code (HTTP_BLOCKED, HTTP_STATUS, CREDENTIAL_REJECTED...), NO_TEST_URL, NOT_TESTABLE, CONNECTION_FAILED. */
  code: string;
  message: string;
}

export interface CredentialCheckDeps {
  readonly policy: HttpPolicy;
  readonly tokens: Pick<OAuth2Tokens, 'token'>;
  /** Opens a connection to `target` and runs `select 1` (the caller owns the driver). */
  readonly probePostgres: (target: PostgresTarget, signal: AbortSignal) => Promise<void>;
}

const ok = (message: string): CredentialTestResult => ({ ok: true, code: 'OK', message });

/**
 * A real request or connection with the credential, through the code the nodes use at run time
 * (`httpAuthorizationOf`, `postgresTargetOf`) under the same address policy, so a credential that
 * passes works in a run. Never throws; the message names no secret.
 */
export async function checkCredential(credential: ResolvedCredential, deps: CredentialCheckDeps, signal: AbortSignal): Promise<CredentialTestResult> {
  const mask = new SecretMask();
  mask.add(...Object.values(credential.fields));
  try {
    return mask.apply(await probe(credential, deps, mask, signal));
  } catch (error) {
    const code = error instanceof NodeError ? error.code : 'CONNECTION_FAILED';
    return { ok: false, code, message: mask.apply(error instanceof Error ? error.message : String(error)) };
  }
}

async function probe(credential: ResolvedCredential, deps: CredentialCheckDeps, mask: SecretMask, signal: AbortSignal): Promise<CredentialTestResult> {
  if (credential.type === 'POSTGRES') {
    const target = await postgresTargetOf(credential, deps.policy);
    await deps.probePostgres(target, signal);
    return ok('Connected and ran select 1');
  }
  if (credential.type === 'AI_PROVIDER_KEY') {
    return { ok: false, code: 'NOT_TESTABLE', message: 'Test the AI provider that uses this key instead' };
  }
  if (!(HTTP_CREDENTIAL_TYPES as readonly string[]).includes(credential.type)) {
    return { ok: false, code: 'NOT_TESTABLE', message: `A ${credential.type} credential is checked where it is used` };
  }
  const auth = await httpAuthorizationOf(credential, deps.tokens, signal);
  mask.add(...auth.secrets);
  const testUrl = credential.fields.testUrl;
  if (typeof testUrl !== 'string') {
    if (credential.type === 'OAUTH2_CLIENT_CREDENTIALS') return ok('The token endpoint issued a token');
    return { ok: false, code: 'NO_TEST_URL', message: 'Give the credential a testUrl to test it' };
  }
  const response = await guardedRequest(
    { method: 'GET', url: withQuery(testUrl, auth.query), headers: { ...auth.headers }, credentialHeaders: Object.keys(auth.headers) },
    deps.policy,
    signal,
  );
  if (response.status >= 400) return { ok: false, code: 'HTTP_STATUS', message: `GET ${testUrl} answered ${response.status}` };
  return ok(`GET ${testUrl} answered ${response.status}`);
}
