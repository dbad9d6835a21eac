import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityHarness, codeOf, type Account } from '../test-harness';

const INVITE = `mutation($w: ID!, $e: String!, $r: WorkspaceRole!) { inviteMember(workspaceId: $w, email: $e, role: $r) { token } }`;
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { id myRole } }`;
const CHANGE = `mutation($w: ID!, $u: ID!, $r: WorkspaceRole!) { changeMemberRole(workspaceId: $w, userId: $u, role: $r) { role } }`;
const REMOVE = `mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`;
const AUDIT = `query($first: Int, $after: String) { auditLog(first: $first, after: $after) { edges { cursor node { action target actor { id } ip } } pageInfo { endCursor hasNextPage } } }`;

let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start();
  await h.recordRevocations();
});
afterAll(() => h?.close());

/**
 * `owner` invites `member` into a workspace of theirs (their personal one unless `workspaceId` says
 * otherwise) with `role` and `member` accepts; returns the member's caller there.
 */
async function join(owner: Account, member: Account, role: 'EDITOR' | 'VIEWER' | 'OWNER', workspaceId = owner.caller.workspaceId) {
  const invited = await h.call(INVITE, { w: workspaceId, e: member.email, r: role }, owner.caller);
  expect(invited.errors).toBeUndefined();
  const accepted = await h.call(ACCEPT, { token: invited.data!.inviteMember.token }, member.caller);
  expect(accepted.data).toEqual({ acceptInvitation: { id: workspaceId, myRole: role } });
  return { ...member.caller, workspaceId, role: role.toLowerCase() as 'viewer' };
}

/** A shared (not personal) workspace `owner` creates; returns the owner's caller acting in it. */
async function sharedWorkspace(owner: Account) {
  const created = await h.call(`mutation { createWorkspace(name: "Team") { id personal } }`, {}, owner.caller);
  expect(created.data!.createWorkspace.personal).toBe(false);
  return { ...owner.caller, workspaceId: created.data!.createWorkspace.id as string };
}

describe('workspaces', () => {
  it('lists mine with my role, and members to members', async () => {
    const owner = await h.register('owner');
    const viewer = await h.register('viewer');
    await join(owner, viewer, 'VIEWER');
    const answer = await h.call(`{ workspaces { id personal myRole members { role user { email } } } }`, {}, viewer.caller);
    const byId = Object.fromEntries(answer.data!.workspaces.map((w: { id: string }) => [w.id, w]));
    expect(byId[viewer.caller.workspaceId]).toMatchObject({ personal: true, myRole: 'OWNER' });
    expect(byId[owner.caller.workspaceId]).toMatchObject({ myRole: 'VIEWER' });
    expect(byId[owner.caller.workspaceId].members).toHaveLength(2);
  });

  it('lets only owners invite, change roles and remove others; a viewer calling a write gets FORBIDDEN', async () => {
    const owner = await h.register('owner2');
    const viewer = await h.register('viewer2');
    const other = await h.register('other2');
    const asViewer = await join(owner, viewer, 'VIEWER');
    const answer = await h.call(INVITE, { w: owner.caller.workspaceId, e: other.email, r: 'EDITOR' }, asViewer);
    expect(codeOf(answer)).toBe('FORBIDDEN');
    expect(codeOf(await h.call(CHANGE, { w: owner.caller.workspaceId, u: viewer.caller.userId, r: 'OWNER' }, asViewer))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(REMOVE, { w: owner.caller.workspaceId, u: owner.caller.userId }, asViewer))).toBe('FORBIDDEN');
  });

  it("answers another workspace's id like a missing one", async () => {
    const alice = await h.register('alice');
    const bob = await h.register('bob');
    const foreign = await h.call(INVITE, { w: bob.caller.workspaceId, e: alice.email, r: 'OWNER' }, alice.caller);
    const missing = await h.call(INVITE, { w: '00000000-0000-4000-8000-000000000000', e: alice.email, r: 'OWNER' }, alice.caller);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors).toEqual(missing.errors!.map((e) => ({ ...e, extensions: { ...e.extensions, traceId: foreign.errors![0]!.extensions.traceId } })));
    expect((await h.call(`query($id: ID!) { workspace(id: $id) { id } }`, { id: bob.caller.workspaceId }, alice.caller)).data).toEqual({ workspace: null });
  });

  it('refuses to invite someone who is already a member with CONFLICT', async () => {
    const owner = await h.register('owner3');
    const member = await h.register('member3');
    await join(owner, member, 'EDITOR');
    expect(codeOf(await h.call(INVITE, { w: owner.caller.workspaceId, e: member.email, r: 'EDITOR' }, owner.caller))).toBe('CONFLICT');
  });

  it('changes roles, announcing the change so old tokens stop working', async () => {
    const owner = await h.register('owner4');
    const member = await h.register('member4');
    await join(owner, member, 'EDITOR');
    const answer = await h.call(CHANGE, { w: owner.caller.workspaceId, u: member.caller.userId, r: 'VIEWER' }, owner.caller);
    expect(answer.data).toEqual({ changeMemberRole: { role: 'VIEWER' } });
    await h.untilRevocation((e) => e.kind === 'membership' && e.userId === member.caller.userId);
    expect(h.revocations).toContainEqual(expect.objectContaining({ kind: 'membership', userId: member.caller.userId, workspaceId: owner.caller.workspaceId }));
  });

  it('gives each role change and removal a higher membership generation, announced, which tokens issued afterwards carry; re-joining keeps it', async () => {
    const owner = await h.register('owner-gen');
    const member = await h.register('member-gen');
    const workspaceId = owner.caller.workspaceId;
    const asMember = await join(owner, member, 'EDITOR');
    const SWITCH = `mutation($w: ID!) { switchWorkspace(workspaceId: $w) { accessToken } }`;
    /** The claims of the token `member` gets for the workspace now. */
    const claimsNow = async () => (await h.verifier.verify((await h.call(SWITCH, { w: workspaceId }, member.caller)).data!.switchWorkspace.accessToken)).claims;
    const announced = async (after: number) => {
      expect(await h.untilRevocation((e) => e.kind === 'membership' && e.userId === member.caller.userId && e.generation > after)).toBe(true);
      return h.revocations.findLast((e) => e.kind === 'membership' && e.userId === member.caller.userId)!;
    };

    const joined = await claimsNow();
    expect(joined).toMatchObject({ role: 'editor' });
    await h.call(CHANGE, { w: workspaceId, u: member.caller.userId, r: 'VIEWER' }, owner.caller);
    const demotion = await announced(joined.gen);
    expect(demotion).toMatchObject({ workspaceId, generation: joined.gen + 1 });
    expect(await claimsNow()).toMatchObject({ role: 'viewer', gen: joined.gen + 1 });

    // A change in another workspace draws from the same counter, and announces only that workspace.
    const elsewhere = await sharedWorkspace(owner);
    await join(owner, member, 'VIEWER', elsewhere.workspaceId);
    await h.call(CHANGE, { w: elsewhere.workspaceId, u: member.caller.userId, r: 'EDITOR' }, elsewhere);
    expect(await announced(joined.gen + 1)).toMatchObject({ workspaceId: elsewhere.workspaceId, generation: joined.gen + 2 });

    expect((await h.call(REMOVE, { w: workspaceId, u: member.caller.userId }, asMember)).data).toEqual({ removeMember: true });
    const removal = await announced(joined.gen + 2);
    expect(removal).toMatchObject({ workspaceId, generation: joined.gen + 3 });
    // Invited back, the member's tokens start at the generation of the removal: not refused as old.
    await join(owner, member, 'VIEWER');
    expect(await claimsNow()).toMatchObject({ role: 'viewer', gen: joined.gen + 3 });
  });

  it('refuses to demote or remove the last owner with CONFLICT, even when other members remain', async () => {
    const owner = await h.register('owner5');
    const editor = await h.register('editor5');
    const asOwner = await sharedWorkspace(owner);
    const workspaceId = asOwner.workspaceId;
    await join(owner, editor, 'EDITOR', workspaceId);
    const demoted = await h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'VIEWER' }, asOwner);
    const removed = await h.call(REMOVE, { w: workspaceId, u: owner.caller.userId }, asOwner);
    for (const answer of [demoted, removed]) {
      expect(codeOf(answer)).toBe('CONFLICT');
      expect(answer.errors![0]!.message).toBe('A workspace needs at least one owner; make someone else owner first');
    }
    const members = await h.call(`query($id: ID!) { workspace(id: $id) { members { role user { id } } } }`, { id: workspaceId }, asOwner);
    expect(members.data!.workspace.members).toEqual([
      { role: 'OWNER', user: { id: owner.caller.userId } },
      { role: 'EDITOR', user: { id: editor.caller.userId } },
    ]);
    const actions = (await h.call(AUDIT, { first: 1 }, asOwner)).data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual(['member.joined']);
  });

  it('keeps one owner when two owners step down at the same moment', async () => {
    const owner = await h.register('owner-race');
    const second = await h.register('second-race');
    const asOwnerHere = await sharedWorkspace(owner);
    const workspaceId = asOwnerHere.workspaceId;
    const asSecond = await join(owner, second, 'OWNER', workspaceId);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'EDITOR' }, asOwnerHere),
        h.call(REMOVE, { w: workspaceId, u: second.caller.userId }, asSecond),
      ]);
      const members = await h.call(`query($id: ID!) { workspace(id: $id) { members { role user { id } } } }`, { id: workspaceId }, asOwnerHere);
      const owners = (members.data!.workspace.members as Array<{ role: string }>).filter((m) => m.role === 'OWNER');
      expect(owners).toHaveLength(1);
      expect(answers.map(codeOf).filter((c) => c === 'CONFLICT')).toHaveLength(1);
      // Put both owners back for the next round.
      const remaining = members.data!.workspace.members as Array<{ role: string; user: { id: string } }>;
      const stillOwner = remaining.find((m) => m.role === 'OWNER')!.user.id;
      const asOwner = stillOwner === owner.caller.userId ? asOwnerHere : asSecond;
      if (remaining.some((m) => m.user.id === second.caller.userId)) {
        await h.call(CHANGE, { w: workspaceId, u: second.caller.userId, r: 'OWNER' }, asOwner);
      } else {
        await join(owner, second, 'OWNER', workspaceId);
      }
      await h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'OWNER' }, asOwner);
    }
  });

  it('removes members; members may leave; the removed lose access', async () => {
    const owner = await h.register('owner6');
    const a = await h.register('a6');
    const b = await h.register('b6');
    const asA = await join(owner, a, 'EDITOR');
    await join(owner, b, 'VIEWER');
    expect((await h.call(REMOVE, { w: owner.caller.workspaceId, u: b.caller.userId }, owner.caller)).data).toEqual({ removeMember: true });
    const audited = (await h.call(AUDIT, { first: 1 }, owner.caller)).data!.auditLog.edges[0].node;
    expect(audited).toMatchObject({ action: 'member.removed', target: b.caller.userId, actor: { id: owner.caller.userId } });
    expect((await h.call(REMOVE, { w: owner.caller.workspaceId, u: a.caller.userId }, asA)).data).toEqual({ removeMember: true });
    expect(codeOf(await h.call(`query($id: ID!) { workspace(id: $id) { id } }`, { id: owner.caller.workspaceId }, asA))).toBeUndefined();
    expect((await h.call(`query($id: ID!) { workspace(id: $id) { id } }`, { id: owner.caller.workspaceId }, asA)).data).toEqual({ workspace: null });
  });
});

describe('personal workspaces', () => {
  const MEMBERS = `query($id: ID!) { workspace(id: $id) { members { role user { id } } } }`;
  const YOURS = 'This is your personal workspace: you cannot leave it or stop being its owner';
  const THEIRS = "This is this member's personal workspace: they cannot be removed from it or stop being its owner";

  /** `owner`'s personal workspace with `second` as a second owner, so the last-owner rule is out of the way. */
  async function withSecondOwner(label: string) {
    const owner = await h.register(`${label}-owner`);
    const second = await h.register(`${label}-second`);
    const asSecond = await join(owner, second, 'OWNER');
    return { owner, second, asSecond, workspaceId: owner.caller.workspaceId };
  }

  /** The members (role, id) and the newest audit action, to show a refusal changed and recorded nothing. */
  async function stateOf(workspaceId: string, owner: Account) {
    const members = (await h.call(MEMBERS, { id: workspaceId }, owner.caller)).data!.workspace.members;
    const newest = (await h.call(AUDIT, { first: 1 }, owner.caller)).data!.auditLog.edges[0].node.action;
    return { members, newest };
  }

  it('names its owner to members; a shared workspace has none', async () => {
    const owner = await h.register('named');
    const viewer = await h.register('named-viewer');
    const asViewer = await join(owner, viewer, 'VIEWER');
    const shared = await sharedWorkspace(owner);
    const query = `query($id: ID!) { workspace(id: $id) { personal personalOwner { id } } }`;
    expect((await h.call(query, { id: owner.caller.workspaceId }, asViewer)).data).toEqual({ workspace: { personal: true, personalOwner: { id: owner.caller.userId } } });
    expect((await h.call(query, { id: shared.workspaceId }, shared)).data).toEqual({ workspace: { personal: false, personalOwner: null } });
  });

  it('refuses its owner leaving it with CONFLICT, even with another owner; nothing changes, nothing is audited or announced', async () => {
    const { owner, second, asSecond, workspaceId } = await withSecondOwner('leave');
    const before = await stateOf(workspaceId, owner);
    const left = await h.call(REMOVE, { w: workspaceId, u: owner.caller.userId }, owner.caller);
    expect(codeOf(left)).toBe('CONFLICT');
    expect(left.errors![0]!.message).toBe(YOURS);
    expect(await stateOf(workspaceId, owner)).toEqual(before);

    // The second owner may still go; once their removal is announced, the refusal announced nothing.
    expect((await h.call(REMOVE, { w: workspaceId, u: second.caller.userId }, asSecond)).data).toEqual({ removeMember: true });
    await h.untilRevocation((e) => e.kind === 'membership' && e.userId === second.caller.userId && e.workspaceId === workspaceId);
    expect(h.revocations).not.toContainEqual(expect.objectContaining({ userId: owner.caller.userId, workspaceId }));
  });

  it('refuses another owner removing its owner with CONFLICT; nothing changes', async () => {
    const { owner, asSecond, workspaceId } = await withSecondOwner('remove');
    const before = await stateOf(workspaceId, owner);
    const removed = await h.call(REMOVE, { w: workspaceId, u: owner.caller.userId }, asSecond);
    expect(codeOf(removed)).toBe('CONFLICT');
    expect(removed.errors![0]!.message).toBe(THEIRS);
    expect(await stateOf(workspaceId, owner)).toEqual(before);
  });

  it('refuses demoting its owner, by another owner or by themselves, with CONFLICT; nothing changes', async () => {
    const { owner, asSecond, workspaceId } = await withSecondOwner('demote');
    const before = await stateOf(workspaceId, owner);
    const byOther = await h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'EDITOR' }, asSecond);
    const bySelf = await h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'VIEWER' }, owner.caller);
    expect([codeOf(byOther), byOther.errors![0]!.message]).toEqual(['CONFLICT', THEIRS]);
    expect([codeOf(bySelf), bySelf.errors![0]!.message]).toEqual(['CONFLICT', YOURS]);
    expect(await stateOf(workspaceId, owner)).toEqual(before);
    // Setting the role it already has is no demotion.
    expect((await h.call(CHANGE, { w: workspaceId, u: owner.caller.userId, r: 'OWNER' }, asSecond)).data).toEqual({ changeMemberRole: { role: 'OWNER' } });
  });

  it('still lets its owner demote and remove everyone else, and others leave it', async () => {
    const { owner, second, asSecond, workspaceId } = await withSecondOwner('others');
    const editor = await h.register('others-editor');
    const viewer = await h.register('others-viewer');
    await join(owner, editor, 'EDITOR');
    const asViewer = await join(owner, viewer, 'VIEWER');
    expect((await h.call(CHANGE, { w: workspaceId, u: second.caller.userId, r: 'EDITOR' }, owner.caller)).data).toEqual({ changeMemberRole: { role: 'EDITOR' } });
    expect((await h.call(REMOVE, { w: workspaceId, u: editor.caller.userId }, owner.caller)).data).toEqual({ removeMember: true });
    expect((await h.call(REMOVE, { w: workspaceId, u: viewer.caller.userId }, asViewer)).data).toEqual({ removeMember: true });
    expect((await h.call(REMOVE, { w: workspaceId, u: second.caller.userId }, asSecond)).data).toEqual({ removeMember: true });
    expect((await h.call(MEMBERS, { id: workspaceId }, owner.caller)).data!.workspace.members).toEqual([{ role: 'OWNER', user: { id: owner.caller.userId } }]);
  });
});

describe('auditLog', () => {
  it('records sign-ins, failures, keys and member changes for owners, newest first, paginated', async () => {
    const owner = await h.register('audited');
    const member = await h.register('member7');
    await h.call(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: owner.email, password: 'wrong password here' } });
    await h.call(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: owner.email, password: owner.password } });
    const key = await h.call(`mutation { createApiKey(input: {name: "k", scopes: [FLOWS_READ]}) { apiKey { id } } }`, {}, owner.caller);
    await h.call(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: key.data!.createApiKey.apiKey.id }, owner.caller);
    await join(owner, member, 'VIEWER');
    await h.call(CHANGE, { w: owner.caller.workspaceId, u: member.caller.userId, r: 'EDITOR' }, owner.caller);

    const page1 = await h.call(AUDIT, { first: 4 }, owner.caller);
    const page2 = await h.call(AUDIT, { first: 4, after: page1.data!.auditLog.pageInfo.endCursor }, owner.caller);
    const actions = [...page1.data!.auditLog.edges, ...page2.data!.auditLog.edges].map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual([
      'member.role_changed',
      'member.joined',
      'member.invited',
      'api_key.revoked',
      'api_key.created',
      'session.signed_in',
      'session.sign_in_failed',
      'user.registered',
    ]);
    expect(page1.data!.auditLog.pageInfo.hasNextPage).toBe(true);
    expect(page2.data!.auditLog.pageInfo.hasNextPage).toBe(false);
    expect(page1.data!.auditLog.edges[0].node).toMatchObject({ target: member.caller.userId, actor: { id: owner.caller.userId }, ip: '203.0.113.7' });
  });

  it('is readable by owners only', async () => {
    const owner = await h.register('owner8');
    const editor = await h.register('editor8');
    const asEditor = await join(owner, editor, 'EDITOR');
    expect(codeOf(await h.call(AUDIT, {}, asEditor))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(AUDIT, {}, null))).toBe('UNAUTHENTICATED');
  });
});
