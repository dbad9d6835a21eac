import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../entities/invitation.entity';
import { EXPIRED_INVITATION_RETENTION_MS, pruneExpiredInvitations } from '../services/expired-rows';
import { IdentityHarness, codeOf, type Account, type GraphqlAnswer } from '../test-harness';

const INVITE = `mutation($w: ID!, $e: String!, $r: WorkspaceRole!) {
  inviteMember(workspaceId: $w, email: $e, role: $r) { token invitation { id email role invitedAt expiresAt workspace { id name } } }
}`;
const MY_INVITATIONS = `{ myInvitations { id email role workspace { id name members { role } } } }`;
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { id myRole } }`;
const BY_TOKEN = `query($token: String!) { invitationByToken(token: $token) { id email role workspace { id name } } }`;
const MEMBERS = `query($id: ID!) { workspace(id: $id) { members { role user { email } } } }`;
const AUDIT = `{ auditLog(first: 10) { edges { node { action target details } } } }`;
const PENDING = `query($w: ID!) { workspaceInvitations(workspaceId: $w) { id email role workspace { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) }`;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const queries: string[] = [];
let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start({ onQuery: (sql) => queries.push(sql) });
});
afterAll(() => h?.close());

/** What an invitation answer says once the values that differ for any two invitations (token, id, address, times) are blanked. */
function shapeOf(answer: GraphqlAnswer<Record<string, { token: string; invitation: Record<string, unknown> }>>): unknown {
  const created = answer.data?.inviteMember;
  if (!created) return answer;
  const { invitation } = created;
  const blanked = { ...invitation, id: typeof invitation.id, email: typeof invitation.email, invitedAt: typeof invitation.invitedAt, expiresAt: typeof invitation.expiresAt };
  return { ...answer, data: { inviteMember: { token: created.token.slice(0, 4), invitation: blanked } } };
}

/** The statements an operation ran, with their values and timings blanked. */
async function statementsOf<T>(operation: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  queries.length = 0;
  const result = await operation();
  const statements = queries.map((sql) => sql.replace(/'[^']*'/g, '?').replace(/\b\d+(\.\d+)?\b/g, 'N').replace(/\[took .*$/, ''));
  return { result, statements };
}

describe('inviteMember', () => {
  it('answers an invitation to a registered email exactly like one to an unregistered email', async () => {
    const owner = await h.register('inviter');
    const registered = await h.register('registered');
    const unregistered = IdentityHarness.emailFor('unregistered');
    const invite = (email: string) => () => h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'EDITOR' }, owner.caller);

    const toRegistered = await statementsOf(invite(registered.email));
    const toUnregistered = await statementsOf(invite(unregistered));

    expect(toRegistered.result.errors).toBeUndefined();
    expect(shapeOf(toRegistered.result)).toEqual(shapeOf(toUnregistered.result));
    expect(toRegistered.result.data!.inviteMember.invitation).toMatchObject({ email: registered.email, role: 'EDITOR', workspace: { id: owner.caller.workspaceId } });
    expect(toUnregistered.result.data!.inviteMember.invitation).toMatchObject({ email: unregistered, role: 'EDITOR', workspace: { id: owner.caller.workspaceId } });
    // A fresh secret each, shown this once: only its hash is stored.
    const tokens = [toRegistered, toUnregistered].map((answer) => answer.result.data!.inviteMember.token as string);
    for (const token of tokens) expect(token).toMatch(/^omi_[A-Za-z0-9_-]{43}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
    const stored = await h.identity.subgraph.orm.em.fork().findOneOrFail(Invitation, { id: toRegistered.result.data!.inviteMember.invitation.id });
    expect(stored.tokenHash).toBe(createHash('sha256').update(tokens[0]!).digest('hex'));
    // The same statements in the same order: neither path does work the other skips.
    expect(toRegistered.statements).toEqual(toUnregistered.statements);
    expect(toRegistered.statements).toContainEqual(expect.stringMatching(/insert into "invitations"/));
    // Nor does anything the owner can read afterwards tell them apart.
    const members = await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller);
    expect(members.data!.workspace.members).toEqual([{ role: 'OWNER', user: { email: owner.email } }]);
    const audit = (await h.call(AUDIT, {}, owner.caller)).data!.auditLog.edges.map((e: { node: { action: string } }) => e.node);
    expect(audit.slice(0, 2)).toEqual([
      { action: 'member.invited', target: unregistered, details: { role: 'editor', invitationId: toUnregistered.result.data!.inviteMember.invitation.id } },
      { action: 'member.invited', target: registered.email, details: { role: 'editor', invitationId: toRegistered.result.data!.inviteMember.invitation.id } },
    ]);
  });

  it('renews a pending invitation when the same email is invited again, with a new token that replaces the old one', async () => {
    const owner = await h.register('renewer');
    const email = IdentityHarness.emailFor('twice');
    const first = (await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'VIEWER' }, owner.caller)).data!.inviteMember;
    const second = (await h.call(INVITE, { w: owner.caller.workspaceId, e: ` ${email.toUpperCase()} `, r: 'EDITOR' }, owner.caller)).data!.inviteMember;
    expect(second.invitation).toMatchObject({ id: first.invitation.id, email, role: 'EDITOR' });
    expect(Date.parse(second.invitation.expiresAt)).toBeGreaterThanOrEqual(Date.parse(first.invitation.expiresAt));
    const invitee = await h.register('twice', undefined, email);
    expect(codeOf(await h.call(ACCEPT, { token: first.token }, invitee.caller))).toBe('NOT_FOUND');
    expect((await h.call(ACCEPT, { token: second.token }, invitee.caller)).data).toEqual({ acceptInvitation: { id: owner.caller.workspaceId, myRole: 'EDITOR' } });
  });

  it('is refused to API keys and non-owners, with the same codes for any email', async () => {
    const owner = await h.register('keyholder');
    const key = { ...owner.caller, apiKeyId: '00000000-0000-4000-8000-000000000001', scopes: ['flows:read' as const] };
    const registered = await h.register('target');
    for (const email of [registered.email, IdentityHarness.emailFor('nobody')]) {
      expect(codeOf(await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'EDITOR' }, key))).toBe('FORBIDDEN');
      expect(codeOf(await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'EDITOR' }, registered.caller))).toBe('NOT_FOUND');
    }
  });
});

describe('acceptInvitation', () => {
  it('makes a membership with the invited role when the registered account accepts with the token', async () => {
    const owner = await h.register('team-owner');
    const member = await h.register('joiner');
    const { token, invitation: invited } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: member.email, r: 'EDITOR' }, owner.caller)).data!.inviteMember;

    const pending = await h.call(MY_INVITATIONS, {}, member.caller);
    expect(pending.data!.myInvitations).toEqual([
      { id: invited.id, email: member.email, role: 'EDITOR', workspace: { id: owner.caller.workspaceId, name: invited.workspace.name, members: [] } },
    ]);
    expect((await h.call(BY_TOKEN, { token }, member.caller)).data).toEqual({
      invitationByToken: { id: invited.id, email: member.email, role: 'EDITOR', workspace: { id: owner.caller.workspaceId, name: invited.workspace.name } },
    });
    expect(await h.call(ACCEPT, { token }, member.caller)).toEqual({ data: { acceptInvitation: { id: owner.caller.workspaceId, myRole: 'EDITOR' } } });

    const members = await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller);
    expect(members.data!.workspace.members).toEqual([
      { role: 'OWNER', user: { email: owner.email } },
      { role: 'EDITOR', user: { email: member.email } },
    ]);
    expect((await h.call(MY_INVITATIONS, {}, member.caller)).data).toEqual({ myInvitations: [] });
    expect((await h.call(BY_TOKEN, { token }, member.caller)).data).toEqual({ invitationByToken: null });
    const audit = (await h.call(AUDIT, {}, owner.caller)).data!.auditLog.edges.map((e: { node: { action: string } }) => e.node);
    expect(audit[0]).toEqual({ action: 'member.joined', target: member.caller.userId, details: { role: 'editor', invitationId: invited.id } });
  });

  it('waits for an unregistered email to sign up, then lets that account accept with the token', async () => {
    const owner = await h.register('early-owner');
    const email = IdentityHarness.emailFor('late-joiner');
    const { token, invitation: invited } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'VIEWER' }, owner.caller)).data!.inviteMember;
    const newcomer = await h.register('late-joiner', undefined, email);
    expect((await h.call(MY_INVITATIONS, {}, newcomer.caller)).data!.myInvitations).toMatchObject([{ id: invited.id, role: 'VIEWER' }]);
    expect((await h.call(ACCEPT, { token }, newcomer.caller)).data).toEqual({ acceptInvitation: { id: owner.caller.workspaceId, myRole: 'VIEWER' } });
  });

  it('refuses whoever registered the invited email without the token, with a wrong token, or with one already used: NOT_FOUND; the token works once', async () => {
    const owner = await h.register('careful-owner');
    // Emails are not verified: whoever signs up with the invited address first holds an account with it.
    const email = IdentityHarness.emailFor('squatted');
    const { token, invitation } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: 'OWNER' }, owner.caller)).data!.inviteMember;
    const squatter = await h.register('squatter', undefined, email);

    // The invitation is listed for the address, but neither its id nor a guess accepts it.
    expect((await h.call(MY_INVITATIONS, {}, squatter.caller)).data!.myInvitations).toMatchObject([{ id: invitation.id }]);
    expect(codeOf(await h.call(`mutation($id: ID!) { acceptInvitation(id: $id) { id } }`, { id: invitation.id }, squatter.caller))).toBe('VALIDATION_FAILED');
    for (const wrong of ['', invitation.id, `omi_${'A'.repeat(43)}`, `${token}x`, token.slice(0, -1), 'x'.repeat(5_000)]) {
      expect(codeOf(await h.call(ACCEPT, { token: wrong }, squatter.caller))).toBe('NOT_FOUND');
      expect((await h.call(BY_TOKEN, { token: wrong }, squatter.caller)).data).toEqual({ invitationByToken: null });
    }
    expect((await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller)).data!.workspace.members).toHaveLength(1);

    // With the token, the account with the address joins, once.
    expect((await h.call(ACCEPT, { token }, squatter.caller)).data).toEqual({ acceptInvitation: { id: owner.caller.workspaceId, myRole: 'OWNER' } });
    expect(codeOf(await h.call(ACCEPT, { token }, squatter.caller))).toBe('NOT_FOUND');
    expect((await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller)).data!.workspace.members).toHaveLength(2);
  });

  it("refuses the right token from an account with another email, an expired one and a missing one alike: NOT_FOUND", async () => {
    const owner = await h.register('strict-owner');
    const invitee = await h.register('invitee');
    const intruder = await h.register('intruder');
    const { token } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: invitee.email, r: 'OWNER' }, owner.caller)).data!.inviteMember;

    // The link reached someone else: their account's email is not the invited one.
    expect((await h.call(MY_INVITATIONS, {}, intruder.caller)).data).toEqual({ myInvitations: [] });
    expect((await h.call(BY_TOKEN, { token }, intruder.caller)).data).toEqual({ invitationByToken: null });
    const foreign = await h.call(ACCEPT, { token }, intruder.caller);
    const missing = await h.call(ACCEPT, { token: `omi_${'B'.repeat(43)}` }, intruder.caller);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);

    await h.identity.subgraph.orm.em.fork().nativeUpdate(Invitation, { email: invitee.email }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await h.call(MY_INVITATIONS, {}, invitee.caller)).data).toEqual({ myInvitations: [] });
    expect(codeOf(await h.call(ACCEPT, { token }, invitee.caller))).toBe('NOT_FOUND');
    expect((await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller)).data!.workspace.members).toHaveLength(1);
  });

  it('is refused to API keys', async () => {
    const owner = await h.register('keyed-owner');
    const invitee = await h.register('keyed-invitee');
    const { token } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: invitee.email, r: 'VIEWER' }, owner.caller)).data!.inviteMember;
    const key = { ...invitee.caller, apiKeyId: '00000000-0000-4000-8000-000000000003', scopes: ['flows:read' as const] };
    expect(codeOf(await h.call(ACCEPT, { token }, key))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(BY_TOKEN, { token }, key))).toBe('FORBIDDEN');
  });

  it('makes one membership when the same invitation is accepted twice at once', async () => {
    const owner = await h.register('race-owner');
    const member = await h.register('race-member');
    const { token } = (await h.call(INVITE, { w: owner.caller.workspaceId, e: member.email, r: 'EDITOR' }, owner.caller)).data!.inviteMember;
    const answers = await Promise.all([h.call(ACCEPT, { token }, member.caller), h.call(ACCEPT, { token }, member.caller)]);
    expect(answers.map(codeOf).sort()).toEqual(['NOT_FOUND', undefined]);
    expect((await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller)).data!.workspace.members).toHaveLength(2);
  });
});

/** `owner` invites `email` into their personal workspace with `role`; returns the invitation id and its token. */
async function invite(owner: Account, email: string, role: 'OWNER' | 'EDITOR' | 'VIEWER' = 'EDITOR'): Promise<{ id: string; token: string }> {
  const answer = await h.call(INVITE, { w: owner.caller.workspaceId, e: email, r: role }, owner.caller);
  expect(answer.errors).toBeUndefined();
  return { id: answer.data!.inviteMember.invitation.id as string, token: answer.data!.inviteMember.token as string };
}

/** `member` joins `owner`'s personal workspace as an editor. */
async function joinAsEditor(owner: Account, member: Account): Promise<void> {
  expect((await h.call(ACCEPT, { token: (await invite(owner, member.email)).token }, member.caller)).errors).toBeUndefined();
}

const apiKeyOf = (account: Account) => ({ ...account.caller, apiKeyId: '00000000-0000-4000-8000-000000000002', scopes: ['flows:read' as const] });

describe('workspaceInvitations', () => {
  it('lists the pending invitations of the workspace to its owners, newest first', async () => {
    const owner = await h.register('list-owner');
    const stranger = await h.register('list-stranger');
    const joiner = await h.register('list-joiner');
    const [lapsed, first, second] = [IdentityHarness.emailFor('lapsed'), IdentityHarness.emailFor('first'), IdentityHarness.emailFor('second')];
    const { id: lapsedId } = await invite(owner, lapsed);
    const { id: firstId } = await invite(owner, first, 'VIEWER');
    const { id: secondId } = await invite(owner, second, 'OWNER');
    await joinAsEditor(owner, joiner);
    await invite(stranger, IdentityHarness.emailFor('elsewhere'));
    await h.identity.subgraph.orm.em.fork().nativeUpdate(Invitation, { id: lapsedId }, { expiresAt: new Date(Date.now() - 1000) });

    const answer = await h.call(PENDING, { w: owner.caller.workspaceId }, owner.caller);
    expect(answer).toEqual({
      data: {
        workspaceInvitations: [
          { id: secondId, email: second, role: 'OWNER', workspace: { id: owner.caller.workspaceId } },
          { id: firstId, email: first, role: 'VIEWER', workspace: { id: owner.caller.workspaceId } },
        ],
      },
    });
  });

  it('is refused to API keys and members who are not owners (FORBIDDEN) and to non-members (NOT_FOUND)', async () => {
    const owner = await h.register('guarded-owner');
    const editor = await h.register('guarded-editor');
    const outsider = await h.register('guarded-outsider');
    await joinAsEditor(owner, editor);
    const list = (caller: Account['caller']) => h.call(PENDING, { w: owner.caller.workspaceId }, caller);
    expect(codeOf(await list(apiKeyOf(owner)))).toBe('FORBIDDEN');
    expect(codeOf(await list(editor.caller))).toBe('FORBIDDEN');
    expect(codeOf(await list(outsider.caller))).toBe('NOT_FOUND');
  });
});

describe('revokeInvitation', () => {
  it('withdraws a pending invitation so it can no longer be accepted, and audits it', async () => {
    const owner = await h.register('revoking-owner');
    const invitee = await h.register('revoked-invitee');
    const { id, token } = await invite(owner, invitee.email, 'VIEWER');

    expect(await h.call(REVOKE, { id }, owner.caller)).toEqual({ data: { revokeInvitation: true } });

    expect((await h.call(PENDING, { w: owner.caller.workspaceId }, owner.caller)).data).toEqual({ workspaceInvitations: [] });
    expect((await h.call(MY_INVITATIONS, {}, invitee.caller)).data).toEqual({ myInvitations: [] });
    expect(codeOf(await h.call(ACCEPT, { token }, invitee.caller))).toBe('NOT_FOUND');
    expect(codeOf(await h.call(REVOKE, { id }, owner.caller))).toBe('NOT_FOUND');
    const audit = (await h.call(AUDIT, {}, owner.caller)).data!.auditLog.edges.map((e: { node: { action: string } }) => e.node);
    expect(audit[0]).toEqual({ action: 'member.invitation_revoked', target: invitee.email, details: { role: 'viewer', invitationId: id } });
  });

  it("answers another workspace's invitation exactly like a missing one, and leaves it pending", async () => {
    const owner = await h.register('victim-owner');
    const intruder = await h.register('intruder-owner');
    const invitee = await h.register('kept-invitee');
    const { id } = await invite(owner, invitee.email);

    const foreign = await h.call(REVOKE, { id }, intruder.caller);
    const missing = await h.call(REVOKE, { id: MISSING_ID }, intruder.caller);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors).toEqual(missing.errors!.map((e) => ({ ...e, extensions: { ...e.extensions, traceId: foreign.errors![0]!.extensions.traceId } })));
    // The invitee is not a member either: their own invitation is theirs to accept, not to revoke.
    expect(codeOf(await h.call(REVOKE, { id }, invitee.caller))).toBe('NOT_FOUND');
    expect((await h.call(MY_INVITATIONS, {}, invitee.caller)).data!.myInvitations).toMatchObject([{ id }]);
  });

  it('is refused to API keys and to members who are not owners, with FORBIDDEN', async () => {
    const owner = await h.register('strict-revoker');
    const editor = await h.register('editor-revoker');
    await joinAsEditor(owner, editor);
    const { id } = await invite(owner, IdentityHarness.emailFor('pending'));
    expect(codeOf(await h.call(REVOKE, { id }, apiKeyOf(owner)))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(REVOKE, { id }, editor.caller))).toBe('FORBIDDEN');
    expect((await h.call(PENDING, { w: owner.caller.workspaceId }, owner.caller)).data!.workspaceInvitations).toMatchObject([{ id }]);
  });

  it('lets exactly one of a revocation and an acceptance at once succeed', async () => {
    const owner = await h.register('racing-owner');
    const invitee = await h.register('racing-invitee');
    const { id, token } = await invite(owner, invitee.email);
    const [revoked, accepted] = await Promise.all([h.call(REVOKE, { id }, owner.caller), h.call(ACCEPT, { token }, invitee.caller)]);
    expect([revoked, accepted].map(codeOf).filter((code) => code === undefined)).toHaveLength(1);
    expect([revoked, accepted].map(codeOf)).toContain('NOT_FOUND');
    const members = (await h.call(MEMBERS, { id: owner.caller.workspaceId }, owner.caller)).data!.workspace.members;
    expect(members).toHaveLength(accepted.errors ? 1 : 2);
  });
});

describe('expired invitations', () => {
  it('are deleted once expired for longer than the retention, while recently lapsed and pending ones stay', async () => {
    const owner = await h.register('pruning-owner');
    const invitee = await h.register('pruning-invitee');
    const { id: longGone } = await invite(owner, IdentityHarness.emailFor('long-gone'));
    const { id: lapsed } = await invite(owner, IdentityHarness.emailFor('lapsed'));
    const { id: pending, token } = await invite(owner, invitee.email);
    const em = h.identity.subgraph.orm.em.fork();
    await em.nativeUpdate(Invitation, { id: longGone }, { expiresAt: new Date(Date.now() - EXPIRED_INVITATION_RETENTION_MS - 60_000) });
    await em.nativeUpdate(Invitation, { id: lapsed }, { expiresAt: new Date(Date.now() - 60_000) });

    expect(await pruneExpiredInvitations(h.identity.subgraph.orm.em.fork())).toBe(1);

    const left = await h.identity.subgraph.orm.em.fork().find(Invitation, { id: { $in: [longGone, lapsed, pending] } });
    expect(left.map((i) => i.id).sort()).toEqual([lapsed, pending].sort());
    expect((await h.call(ACCEPT, { token }, invitee.caller)).data).toEqual({ acceptInvitation: { id: owner.caller.workspaceId, myRole: 'EDITOR' } });
    // Once the retention has passed for it too, the lapsed one goes the same way.
    expect(await pruneExpiredInvitations(h.identity.subgraph.orm.em.fork(), Date.now() + EXPIRED_INVITATION_RETENTION_MS)).toBeGreaterThanOrEqual(1);
    expect(await h.identity.subgraph.orm.em.fork().count(Invitation, { id: lapsed })).toBe(0);
  });
});
