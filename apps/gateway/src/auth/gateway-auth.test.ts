import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { SignJWT, base64url, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  API_KEY_VERIFY_PATH,
  AccessTokenSigner,
  createLogger,
  recentRevocationsKey,
  revocationChannel,
  routeOf,
  signedInternalRoutes,
  verifyCaller,
  type Caller,
  type RevocationEvent,
} from '@omnitron/server-kit';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { authenticationOf } from './authenticate';
import { createGatewayAuth, type GatewayAuth } from './gateway-auth';

const keys = () =>
  generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const platform = keys();
const stranger = keys();
const SIGNING_KEY = 'gateway-auth-test-signing-key-0123456789abcdef';
const prefix = throwawayRedisPrefix('gwauth');

const alice = { userId: '11111111-1111-4111-8111-111111111111', workspaceId: '22222222-2222-4222-8222-222222222222', role: 'editor' as const };
const session = { ...alice, generation: 3, sessionId: '33333333-3333-4333-8333-333333333333' };
const KEY_ID = '44444444-4444-4444-8444-444444444444';
const KEY_SECRET = 'omk_live-key-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const keyCaller: Caller = { ...alice, scopes: ['flows:read'], apiKeyId: KEY_ID };

/** Another key, of Carol, whose role the tests change while a verification is under way. */
const CAROL_KEY_SECRET = 'omk_carol-key-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const carol = { userId: '99999999-9999-4999-8999-999999999999', workspaceId: alice.workspaceId };

/**
 * A stand-in for identity's internal route: knows two keys, counts calls, refuses unsigned ones.
 * With `hold` set, the next answer is read at once but sent only when `hold` resolves.
 */
const identity = { revoked: false, calls: 0, carolRole: 'editor' as Caller['role'], hold: null as Promise<void> | null };
let identityServer: Server;
let auth: GatewayAuth;
let signer: AccessTokenSigner;
let publisher: Redis;

beforeAll(async () => {
  identityServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        verifyCaller(SIGNING_KEY, routeOf(req.method ?? 'GET', req.url ?? '/'), req.headers, 30_000);
      } catch {
        res.writeHead(401).end();
        return;
      }
      identity.calls += 1;
      const { secret } = JSON.parse(body) as { secret: string };
      const known = secret === CAROL_KEY_SECRET ? { ...carol, role: identity.carolRole, scopes: ['flows:write'], apiKeyId: KEY_ID } : !identity.revoked && secret === KEY_SECRET ? keyCaller : null;
      const caller = req.url === API_KEY_VERIFY_PATH ? known : null;
      const hold = identity.hold ?? Promise.resolve();
      identity.hold = null;
      void hold.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ caller })));
    });
  });
  await new Promise<void>((resolve) => identityServer.listen(0, '127.0.0.1', resolve));
  const port = (identityServer.address() as AddressInfo).port;
  auth = await createGatewayAuth({
    secrets: { jwtPublicKey: platform.publicKey, internalSigningKey: SIGNING_KEY },
    identity: signedInternalRoutes(`http://127.0.0.1:${port}/graphql`, SIGNING_KEY),
    redisUrl: testRedisUrl,
    redisPrefix: prefix,
    requestsPerMinute: 3,
    log: createLogger('gateway-test', 'silent'),
  });
  signer = await AccessTokenSigner.fromPem(platform.privateKey);
  publisher = new Redis(testRedisUrl);
});
afterAll(async () => {
  await auth?.close();
  publisher?.disconnect();
  identityServer?.close();
});

const authenticate = (credential: string | undefined) => auth.authenticator.authenticate(credential);
const callerOf = async (credential: string) => authenticationOf(await authenticate(credential)).caller;
const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'OK', (error: { extensions?: { code?: string } }) => error.extensions?.code);
const publish = (event: RevocationEvent) => publisher.publish(revocationChannel(prefix), JSON.stringify(event));
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

async function forge(claims: Record<string, unknown>, options: { key?: string; audience?: string; issuer?: string; typ?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ wid: alice.workspaceId, role: alice.role, sid: session.sessionId, gen: session.generation, ...claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: options.typ ?? ACCESS_TOKEN.type })
    .setSubject(alice.userId)
    .setIssuer(options.issuer ?? ACCESS_TOKEN.issuer)
    .setAudience(options.audience ?? ACCESS_TOKEN.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(await importPKCS8(options.key ?? platform.privateKey, 'EdDSA'));
}

describe('access tokens', () => {
  it('turns a valid token into the caller and reports its expiry', async () => {
    const { token, expiresAt } = await signer.sign(session);
    expect(await authenticate(token)).toEqual({ caller: { ...alice, scopes: null }, expiresAt: expiresAt.getTime() });
  });

  it('treats no credential as anonymous', async () => {
    expect(await authenticate(undefined)).toEqual({ caller: null, expiresAt: null });
  });

  it('refuses an expired token', async () => {
    const { token } = await signer.sign(session, Date.now() - 16 * 60_000);
    await expect(authenticate(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'Access token expired' });
  });

  it('refuses a tampered token', async () => {
    const { token } = await signer.sign(session);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    const promoted = base64url.encode(JSON.stringify({ ...claims, role: 'owner' }));
    expect(await codeOf(authenticate(`${header}.${promoted}.${signature}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses alg: none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({ sub: alice.userId, wid: alice.workspaceId, role: 'owner', sid: session.sessionId, iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, exp: now + 60 }),
    );
    expect(await codeOf(authenticate(`${header}.${payload}.`))).toBe('UNAUTHENTICATED');
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const token = await new SignJWT({ wid: alice.workspaceId, role: 'owner', sid: session.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(alice.userId)
      .setIssuer(ACCESS_TOKEN.issuer)
      .setAudience(ACCESS_TOKEN.audience)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(platform.publicKey));
    expect(await codeOf(authenticate(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong audience, a wrong issuer, a wrong token type and another key', async () => {
    expect(await codeOf(authenticate(await forge({})))).toBe('OK');
    expect(await codeOf(authenticate(await forge({}, { typ: 'JWT' })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(await forge({}, { audience: 'some-other-api' })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(await forge({}, { issuer: 'someone-else' })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(await forge({}, { key: stranger.privateKey })))).toBe('UNAUTHENTICATED');
  });

  it('refuses well-signed tokens with malformed claims, and garbage', async () => {
    expect(await codeOf(authenticate(await forge({ role: 'admin' })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(await forge({ wid: undefined })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(await forge({ gen: undefined })))).toBe('UNAUTHENTICATED');
    for (const garbage of ['not-a-token', 'a.b.c', '...', 'x'.repeat(10_000)]) expect(await codeOf(authenticate(garbage))).toBe('UNAUTHENTICATED');
  });

  it("refuses an ended session's tokens as soon as identity announces it", async () => {
    const ended = { ...session, sessionId: '55555555-5555-4555-8555-555555555555' };
    const { token } = await signer.sign(ended);
    expect(await codeOf(authenticate(token))).toBe('OK');
    await publish({ kind: 'session', sessionId: ended.sessionId });
    expect(await eventually(async () => (await codeOf(authenticate(token))) === 'UNAUTHENTICATED')).toBe(true);
  });

  it('refuses tokens of an older membership generation than a change announced, whenever they were issued', async () => {
    const bob = { ...session, userId: '66666666-6666-4666-8666-666666666666' };
    const at = Date.now();
    // Signed in the very millisecond of the change, and a second after it, from the old membership row.
    const before = await Promise.all([signer.sign(bob, at), signer.sign(bob, at + 1_000)]);
    await publish({ kind: 'membership', userId: bob.userId, workspaceId: bob.workspaceId, at, generation: bob.generation + 1 });
    expect(await eventually(async () => (await codeOf(authenticate(before[0]!.token))) === 'UNAUTHENTICATED')).toBe(true);
    expect(await codeOf(authenticate(before[1]!.token))).toBe('UNAUTHENTICATED');
    // The new generation passes, signed in that same millisecond; an older event replayed late lowers nothing.
    const after = (await signer.sign({ ...bob, generation: bob.generation + 1 }, at)).token;
    expect(await codeOf(authenticate(after))).toBe('OK');
    await publish({ kind: 'membership', userId: bob.userId, workspaceId: bob.workspaceId, at: at - 1, generation: bob.generation });
    await publish({ kind: 'session', sessionId: '88888888-8888-4888-8888-888888888888' });
    expect(await eventually(async () => (await codeOf(authenticate((await signer.sign({ ...session, sessionId: '88888888-8888-4888-8888-888888888888' })).token))) === 'UNAUTHENTICATED')).toBe(true);
    expect(await codeOf(authenticate(before[0]!.token))).toBe('UNAUTHENTICATED');
    expect(await codeOf(authenticate(after))).toBe('OK');
  });
});

describe('a gateway that starts late', () => {
  it('still refuses tokens of sessions ended before it started', async () => {
    const ended = { ...session, sessionId: '77777777-7777-4777-8777-777777777777' };
    const event = JSON.stringify({ kind: 'session', sessionId: ended.sessionId } satisfies RevocationEvent);
    await publisher.zadd(recentRevocationsKey(prefix), Date.now(), `${Date.now()}:${event}`);
    const late = await createGatewayAuth({
      secrets: { jwtPublicKey: platform.publicKey, internalSigningKey: SIGNING_KEY },
      identity: signedInternalRoutes('http://127.0.0.1:9/graphql', SIGNING_KEY),
      redisUrl: testRedisUrl,
      redisPrefix: prefix,
      log: createLogger('gateway-test', 'silent'),
    });
    try {
      const { token } = await signer.sign(ended);
      expect(await codeOf(late.authenticator.authenticate(token))).toBe('UNAUTHENTICATED');
      expect(await codeOf(late.authenticator.authenticate((await signer.sign(session)).token))).toBe('OK');
    } finally {
      await late.close();
    }
  });
});

describe('API keys', () => {
  it('verifies through identity once, then from the cache', async () => {
    identity.calls = 0;
    expect(await authenticate(KEY_SECRET)).toEqual({ caller: keyCaller, expiresAt: null });
    await Promise.all([authenticate(KEY_SECRET), authenticate(KEY_SECRET), authenticate(KEY_SECRET)]);
    expect(identity.calls).toBe(1);
  });

  it('refuses an unknown key, and an absurdly long one without asking identity', async () => {
    expect(await codeOf(authenticate('omk_not-a-key'))).toBe('UNAUTHENTICATED');
    const calls = identity.calls;
    expect(await codeOf(authenticate(`omk_${'x'.repeat(5_000)}`))).toBe('UNAUTHENTICATED');
    expect(identity.calls).toBe(calls);
  });

  it('asks identity afresh after a membership change, rather than share an answer read before it', async () => {
    let release!: () => void;
    identity.hold = new Promise((resolve) => (release = resolve));
    const calls = identity.calls;
    const before = callerOf(CAROL_KEY_SECRET);
    expect(await eventually(async () => identity.calls === calls + 1)).toBe(true);
    // Carol is demoted while identity's answer (read as editor) is still on its way.
    identity.carolRole = 'viewer';
    await publish({ kind: 'membership', userId: carol.userId, workspaceId: carol.workspaceId, at: Date.now(), generation: 1 });
    const oldToken = (await signer.sign({ ...carol, role: 'editor', generation: 0, sessionId: session.sessionId })).token;
    expect(await eventually(async () => (await codeOf(authenticate(oldToken))) === 'UNAUTHENTICATED')).toBe(true);
    const after = callerOf(CAROL_KEY_SECRET);
    release();
    expect(await after).toMatchObject({ userId: carol.userId, role: 'viewer' });
    expect(await before).toMatchObject({ role: 'editor' });
    expect(identity.calls).toBe(calls + 2);
    expect(await callerOf(CAROL_KEY_SECRET)).toMatchObject({ role: 'viewer' });
  });

  it('refuses a revoked key immediately, despite the cache', async () => {
    expect(await codeOf(authenticate(KEY_SECRET))).toBe('OK');
    identity.revoked = true;
    await publish({ kind: 'apiKey', apiKeyId: KEY_ID });
    expect(await eventually(async () => (await codeOf(authenticate(KEY_SECRET))) === 'UNAUTHENTICATED')).toBe(true);
  });
});

describe('request budget', () => {
  it('answers RATE_LIMITED with retryAfterSeconds once a caller spends its budget', async () => {
    const caller = { ...alice, scopes: null };
    for (let i = 0; i < 3; i++) await auth.budget.spend(caller, '192.0.2.1');
    const error = await auth.budget.spend(caller, '192.0.2.1').catch((e: { extensions: Record<string, unknown> }) => e);
    expect(error).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect((error as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds).toBeGreaterThan(0);
    // Another caller, and the same user through an API key, have their own budgets.
    await expect(auth.budget.spend(keyCaller, '192.0.2.1')).resolves.toBeUndefined();
    await expect(auth.budget.spend(null, '192.0.2.1')).resolves.toBeUndefined();
  });
});
