/**
 * Authentication costs: login latency through the identity subgraph on PostgreSQL, and what the
 * gateway pays per request to verify an access token or a (cached) API key. The verifier is
 * server-kit's CredentialVerifier, the code the gateway runs. Run: `npm run bench -w @omnitron/identity`.
 */
import { AccessTokenSigner, CredentialVerifier, resolveSecrets, routeOf, signCaller, signedInternalRoutes, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY, startTestSubgraph } from '@omnitron/server-kit/testing';
import { identitySubgraph } from '../src/definition';

const LOGINS = 50;
const VERIFIES = 20_000;
const COLD_KEY_CHECKS = 300;

const identity = await startTestSubgraph(identitySubgraph);
const ipOf = (i: number) => `10.77.${Math.floor(i / 250)}.${i % 250}`;

async function call<T>(query: string, variables: Record<string, unknown>, caller: Caller | null, ip: string): Promise<T> {
  const response = await fetch(identity.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', identity.url), caller, Date.now(), ip) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const rows: Array<[string, string, string]> = [];

try {
  // Accounts: one per login, each from its own address, so the sign-in throttle never bites.
  const password = 'benchmark password 2026';
  const emails: string[] = [];
  for (let i = 0; i < LOGINS; i++) {
    const email = `bench-${i}@example.com`;
    await call(`mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`, { i: { email, password, name: `Bench ${i}` } }, null, ipOf(i));
    emails.push(email);
  }
  const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
  await call(LOGIN, { i: { email: emails[0], password } }, null, ipOf(1000)); // warm-up
  const latencies: number[] = [];
  let accessToken = '';
  for (let i = 0; i < LOGINS; i++) {
    const started = performance.now();
    accessToken = (await call<{ login: { accessToken: string } }>(LOGIN, { i: { email: emails[i], password } }, null, ipOf(2000 + i))).login.accessToken;
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  rows.push([`login over HTTP, PostgreSQL, argon2id m=19MiB t=2 (n=${LOGINS})`, `p50 ${percentile(latencies, 50).toFixed(1)} ms`, `p99 ${percentile(latencies, 99).toFixed(1)} ms`]);

  // Gateway-side verification.
  const { jwtPublicKey, jwtPrivateKey } = resolveSecrets(identity.config.DATA_DIR, {});
  const baseUrl = identity.url;
  const verifier = await CredentialVerifier.create({ jwtPublicKey, identity: signedInternalRoutes(baseUrl, TEST_SIGNING_KEY) });
  const measure = async (label: string, n: number, op: () => Promise<unknown>) => {
    for (let i = 0; i < Math.min(500, n); i++) await op();
    const started = performance.now();
    for (let i = 0; i < n; i++) await op();
    const us = ((performance.now() - started) * 1000) / n;
    return { label, us };
  };
  const noop = await measure('baseline: no-op async call', VERIFIES, async () => undefined);
  const signer = await AccessTokenSigner.fromPem(jwtPrivateKey);
  const subject = { userId: '00000000-0000-4000-8000-000000000001', workspaceId: '00000000-0000-4000-8000-000000000002', role: 'editor' as const, generation: 0 };
  const fresh = await Promise.all(Array.from({ length: 3_000 }, (_, i) => signer.sign({ ...subject, sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })));
  let next = 0;
  const firstUse = await measure('access token, first use (EdDSA verify + claims)', 2_500, () => verifier.authenticate(fresh[next++]!.token));
  const jwt = await measure('access token, repeated (signature cached, expiry checked)', VERIFIES, () => verifier.authenticate(accessToken));

  const caller = (await verifier.authenticate(accessToken)).caller;
  const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
    `mutation { createApiKey(input: {name: "bench", scopes: [FLOWS_READ]}) { secret } }`,
    {},
    caller,
    ipOf(3000),
  );
  const warm = await measure('API key, warm cache', VERIFIES, () => verifier.authenticate(createApiKey.secret));
  const uncached = await CredentialVerifier.create({ jwtPublicKey, identity: signedInternalRoutes(baseUrl, TEST_SIGNING_KEY), apiKeyCacheTtlMs: 0 });
  const cold = await measure('API key, no cache (signed call to identity)', COLD_KEY_CHECKS, () => uncached.authenticate(createApiKey.secret));

  for (const { label, us } of [noop, firstUse, jwt, warm, cold]) {
    rows.push([label, `${us.toFixed(2)} µs/op`, label.startsWith('baseline') ? '' : `${us >= noop.us ? '+' : ''}${(us - noop.us).toFixed(2)} µs vs baseline`]);
  }
} finally {
  await identity.close();
}

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log('\nidentity auth bench');
for (const row of rows) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  |  ')}`);
process.exit(0);
