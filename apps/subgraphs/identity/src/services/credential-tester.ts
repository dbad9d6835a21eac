import { checkCredential, OAuth2Tokens, type CredentialTestResult, type HttpPolicy, type PostgresTarget, type ResolvedCredential } from '@omnitron/nodes';

/** How long a test may take in all (token fetch, request or connection). @default 15_000 */
const TEST_TIMEOUT_MS = 15_000;

/**
 * testCredential: a real request or connection through the code nodes run with
 * (`checkCredential` in @omnitron/nodes) under the platform's outbound address policy.
 */
export class CredentialTester {
  private readonly tokens: OAuth2Tokens;

  constructor(private readonly policy: HttpPolicy) {
    this.tokens = new OAuth2Tokens(policy);
  }

  test(credential: ResolvedCredential): Promise<CredentialTestResult> {
    return checkCredential(credential, { policy: this.policy, tokens: this.tokens, probePostgres }, AbortSignal.timeout(TEST_TIMEOUT_MS));
  }

  close(): Promise<void> {
    return this.tokens.close();
  }
}

async function probePostgres(target: PostgresTarget, signal: AbortSignal): Promise<void> {
  const { secrets: _secrets, ...config } = target;
  // pg loads with the first test of a POSTGRES credential: on SQLite nothing else in the process uses it.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...config, connectionTimeoutMillis: TEST_TIMEOUT_MS });
  const onAbort = () => void client.end().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
