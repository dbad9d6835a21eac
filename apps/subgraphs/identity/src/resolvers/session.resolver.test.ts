import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { recentRevocationsKey } from '@omnitron/server-kit';
import { RefreshToken } from '../entities/refresh-token.entity';
import { identityServicesOf } from '../services/identity-services';
import { sha256 } from '../services/tokens';
import { IdentityHarness, codeOf } from '../test-harness';

const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken workspace { id } } }`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;
const SWITCH = `mutation($id: ID!) { switchWorkspace(workspaceId: $id) { accessToken role workspace { id name } } }`;

let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start();
  await h.recordRevocations();
});
afterAll(() => h?.close());

/** Moves the rotation of `refreshToken` into the past, as if it had been replayed `seconds` later. */
async function rotatedSecondsAgo(refreshToken: string, seconds: number): Promise<void> {
  const em = h.identity.subgraph.orm.em.fork();
  const moved = await em.nativeUpdate(RefreshToken, { tokenHash: sha256(refreshToken) }, { rotatedAt: new Date(Date.now() - seconds * 1000) });
  expect(moved).toBe(1);
}

/** A second connection: the subscriber one cannot run commands. */
let reader: Redis | undefined;
const redisReader = () => (reader ??= h.redis());


describe('refreshSession', () => {
  it('rotates: the new pair works and belongs to the same session', async () => {
    const account = await h.register('rotate');
    const answer = await h.call(REFRESH, { t: account.refreshToken });
    const next = answer.data!.refreshSession;
    expect(next.refreshToken).not.toBe(account.refreshToken);
    const before = await h.verifier.verify(account.accessToken);
    const after = await h.verifier.verify(next.accessToken);
    expect(after.claims.sid).toBe(before.claims.sid);
    expect(after.caller).toEqual(account.caller);
    expect(codeOf(await h.call(REFRESH, { t: next.refreshToken }))).toBeUndefined();
  });

  it('revokes the whole family when a rotated token is presented again after the grace window', async () => {
    const account = await h.register('theft');
    const stolenCopy = account.refreshToken;
    const legit = (await h.call(REFRESH, { t: account.refreshToken })).data!.refreshSession;
    await rotatedSecondsAgo(stolenCopy, 60);
    const replay = await h.call(REFRESH, { t: stolenCopy });
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    // The legitimate holder's newest token is dead too: the family is revoked.
    expect(codeOf(await h.call(REFRESH, { t: legit.refreshToken }))).toBe('UNAUTHENTICATED');
    const { claims } = await h.verifier.verify(account.accessToken);
    expect(await h.untilRevocation((e) => e.kind === 'session' && e.sessionId === claims.sid)).toBe(true);
    // Kept for gateways that start later.
    const recent = await redisReader().zrange(recentRevocationsKey(h.identity.config.REDIS_PREFIX), 0, -1);
    expect(recent.some((entry) => entry.includes(claims.sid))).toBe(true);
  });

  it('keeps the session when two tabs refresh with the same token at once', async () => {
    const account = await h.register('race');
    const answers = await Promise.all([h.call(REFRESH, { t: account.refreshToken }), h.call(REFRESH, { t: account.refreshToken })]);
    const pairs = answers.map((a) => a.data!.refreshSession as { accessToken: string; refreshToken: string });
    expect(new Set(pairs.map((p) => p.refreshToken)).size).toBe(2);
    const sid = (await h.verifier.verify(account.accessToken)).claims.sid;
    for (const pair of pairs) {
      expect((await h.verifier.verify(pair.accessToken)).claims.sid).toBe(sid);
      // Both tabs' new tokens rotate normally afterwards.
      expect(codeOf(await h.call(REFRESH, { t: pair.refreshToken }))).toBeUndefined();
    }
  });

  it('exchanges a just-rotated token once more (a retry after a lost response), not a stale one', async () => {
    const account = await h.register('retry');
    const first = (await h.call(REFRESH, { t: account.refreshToken })).data!.refreshSession;
    const retry = await h.call(REFRESH, { t: account.refreshToken });
    expect(codeOf(retry)).toBeUndefined();
    expect(retry.data!.refreshSession.refreshToken).not.toBe(first.refreshToken);
    await rotatedSecondsAgo(account.refreshToken, 11);
    expect(codeOf(await h.call(REFRESH, { t: account.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.call(REFRESH, { t: retry.data!.refreshSession.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('does not revive a token whose session was logged out, even within the grace window', async () => {
    const account = await h.register('grace-logout');
    const next = (await h.call(REFRESH, { t: account.refreshToken })).data!.refreshSession;
    await h.call(LOGOUT, { t: next.refreshToken });
    expect(codeOf(await h.call(REFRESH, { t: account.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('refuses unknown, oversized and garbage tokens alike', async () => {
    for (const t of ['omr_unknown', 'x'.repeat(5000), '']) {
      const answer = await h.call(REFRESH, { t });
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.errors![0]!.message).toBe('Session expired or revoked; sign in again');
    }
  });
});

describe('logout', () => {
  it('revokes the session so its refresh token no longer works', async () => {
    const account = await h.register('logout');
    expect((await h.call(LOGOUT, { t: account.refreshToken })).data).toEqual({ logout: true });
    expect(codeOf(await h.call(REFRESH, { t: account.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await h.call(LOGOUT, { t: 'omr_never-issued' })).data).toEqual({ logout: true });
  });
});

describe('switchWorkspace', () => {
  it('issues tokens for another workspace the caller belongs to', async () => {
    const account = await h.register('switch');
    const created = await h.call(`mutation { createWorkspace(name: "Team") { id } }`, {}, account.caller);
    const teamId = created.data!.createWorkspace.id as string;
    const answer = await h.call(SWITCH, { id: teamId }, account.caller);
    expect(answer.data!.switchWorkspace).toMatchObject({ role: 'OWNER', workspace: { id: teamId, name: 'Team' } });
    expect((await h.callerOf(answer.data!.switchWorkspace.accessToken)).workspaceId).toBe(teamId);
  });

  it("answers another user's workspace exactly like a missing one", async () => {
    const alice = await h.register('alice');
    const bob = await h.register('bob');
    const foreign = await h.call(SWITCH, { id: bob.caller.workspaceId }, alice.caller);
    const missing = await h.call(SWITCH, { id: '00000000-0000-4000-8000-000000000000' }, alice.caller);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);
  });

  it('is refused to API keys and anonymous callers', async () => {
    const account = await h.register('nokeys');
    const asKey = { ...account.caller, scopes: ['flows:read' as const], apiKeyId: '00000000-0000-4000-8000-000000000001' };
    expect(codeOf(await h.call(SWITCH, { id: account.caller.workspaceId }, asKey))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(SWITCH, { id: account.caller.workspaceId }, null))).toBe('UNAUTHENTICATED');
  });
});

describe('expired sessions', () => {
  it('are pruned a day after they expire', async () => {
    const account = await h.register('prune');
    const services = identityServicesOf(h.identity.subgraph.orm);
    expect(await services.sessions.pruneExpired(h.identity.subgraph.orm.em.fork())).toBe(0);
    const thirtyTwoDaysLater = Date.now() + 32 * 24 * 3600 * 1000;
    expect(await services.sessions.pruneExpired(h.identity.subgraph.orm.em.fork(), thirtyTwoDaysLater)).toBeGreaterThanOrEqual(1);
    expect(codeOf(await h.call(REFRESH, { t: account.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});
