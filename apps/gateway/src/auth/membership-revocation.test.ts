import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenSigner, accessTokenClaimsSchema, revocationChannel, revocationEventSchema, type RevocationEvent } from '@omnitron/server-kit';
import { testRedisUrl } from '@omnitron/server-kit/testing';
import { SignedInPlatform, type Answer } from './testing/signed-in-platform';

// The real identity and flows subgraphs behind a real gateway: a member demoted or removed loses
// the right on their very next request, whenever their token was issued.
const platform = new SignedInPlatform();
const announcements: RevocationEvent[] = [];
let listener: Redis;

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken workspace { id } user { id } } }`;
const INVITE = `mutation($w: ID!, $e: String!, $r: WorkspaceRole!) { inviteMember(workspaceId: $w, email: $e, role: $r) { token } }`;
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { id } }`;
const SWITCH = `mutation($w: ID!) { switchWorkspace(workspaceId: $w) { accessToken refreshToken role } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken role workspace { id } } }`;
const CHANGE = `mutation($w: ID!, $u: ID!, $r: WorkspaceRole!) { changeMemberRole(workspaceId: $w, userId: $u, role: $r) { role } }`;
const REMOVE = `mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;
const CREATE_FLOW = `mutation($input: FlowInput!) { createFlow(input: $input) { id } }`;
const FLOWS = `{ flows(first: 1) { edges { node { id } } } }`;

const flowInput = (name: string) => ({ name, nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} }], edges: [] });
const codeOf = (answer: Answer<unknown>) => answer.errors?.[0]?.extensions.code ?? 'OK';

interface Person {
  readonly email: string;
  readonly userId: string;
  readonly home: string;
  readonly accessToken: string;
}

async function register(label: string): Promise<Person> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const answer = await platform.call<{ register: { accessToken: string; workspace: { id: string }; user: { id: string } } }>(REGISTER, {
    input: { email, password: 'correct horse battery staple', name: label },
  });
  if (!answer.data) throw new Error(`register failed: ${JSON.stringify(answer.errors)}`);
  const { accessToken, workspace, user } = answer.data.register;
  return { email, userId: user.id, home: workspace.id, accessToken };
}

/** `member` joins `owner`'s personal workspace as `role`; returns their tokens acting there. */
async function joinAs(owner: Person, member: Person, role: 'EDITOR' | 'VIEWER') {
  const invited = await platform.call<{ inviteMember: { token: string } }>(INVITE, { w: owner.home, e: member.email, r: role }, owner.accessToken);
  expect(codeOf(await platform.call(ACCEPT, { token: invited.data!.inviteMember.token }, member.accessToken))).toBe('OK');
  const switched = await platform.call<{ switchWorkspace: { accessToken: string; refreshToken: string; role: string } }>(SWITCH, { w: owner.home }, member.accessToken);
  expect(switched.data!.switchWorkspace.role).toBe(role);
  return switched.data!.switchWorkspace;
}

/** Identity's announcement of the latest change of `userId`'s membership in `workspaceId`. */
async function announcementFor(userId: string, workspaceId: string, after = -1): Promise<Extract<RevocationEvent, { kind: 'membership' }>> {
  const matches = (e: RevocationEvent): e is Extract<RevocationEvent, { kind: 'membership' }> =>
    e.kind === 'membership' && e.userId === userId && e.workspaceId === workspaceId && e.generation > after;
  for (let i = 0; i < 250 && !announcements.some(matches); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const found = announcements.findLast(matches);
  if (!found) throw new Error('identity announced no membership change');
  return found;
}

beforeAll(async () => {
  await platform.start();
  listener = new Redis(testRedisUrl);
  await listener.subscribe(revocationChannel(platform.redisPrefix));
  listener.on('message', (_channel, message: string) => announcements.push(revocationEventSchema.parse(JSON.parse(message))));
}, 180_000);
afterAll(async () => {
  listener?.disconnect();
  await platform.stop();
}, 60_000);

describe('a membership change at the gateway', () => {
  it("refuses a demoted editor's token on the very next request, and one issued in the same millisecond as the demotion", async () => {
    const owner = await register('owner');
    const member = await register('editor');
    const asEditor = await joinAs(owner, member, 'EDITOR');
    expect(codeOf(await platform.call(CREATE_FLOW, { input: flowInput('before') }, asEditor.accessToken))).toBe('OK');

    // No waiting between the demotion and the next request: the token was issued moments ago.
    expect(codeOf(await platform.call(CHANGE, { w: owner.home, u: member.userId, r: 'VIEWER' }, owner.accessToken))).toBe('OK');
    const refused = await platform.call(CREATE_FLOW, { input: flowInput('after') }, asEditor.accessToken);
    expect(refused.errors?.[0]).toMatchObject({ message: 'Workspace access changed; refresh the session', extensions: { code: 'UNAUTHENTICATED' } });

    // The token identity issues from the editor's membership as read just before the demotion, but
    // signs in the demotion's own millisecond (a sign-in or refresh racing it): refused too.
    const demotion = await announcementFor(member.userId, owner.home);
    const claims = accessTokenClaimsSchema.parse(decodeJwt(asEditor.accessToken));
    const signer = await AccessTokenSigner.fromPem(platform.jwtKeys.privateKey);
    const raced = await signer.sign({ userId: claims.sub, workspaceId: claims.wid, role: claims.role, generation: claims.gen, sessionId: claims.sid }, demotion.at);
    expect(Math.floor(demotion.at / 1000)).toBe(decodeJwt(raced.token).iat);
    expect(codeOf(await platform.call(CREATE_FLOW, { input: flowInput('raced') }, raced.token))).toBe('UNAUTHENTICATED');

    // Refreshing gives the new role, which may read but not write.
    const refreshed = await platform.call<{ refreshSession: { accessToken: string; role: string } }>(REFRESH, { t: asEditor.refreshToken });
    expect(refreshed.data!.refreshSession.role).toBe('VIEWER');
    expect(codeOf(await platform.call(FLOWS, {}, refreshed.data!.refreshSession.accessToken))).toBe('OK');
    expect(codeOf(await platform.call(CREATE_FLOW, { input: flowInput('as viewer') }, refreshed.data!.refreshSession.accessToken))).toBe('FORBIDDEN');
  });

  it("refuses a removed member's token on the very next request; refreshing takes them home", async () => {
    const owner = await register('owner');
    const member = await register('viewer');
    const asViewer = await joinAs(owner, member, 'VIEWER');
    expect(codeOf(await platform.call(FLOWS, {}, asViewer.accessToken))).toBe('OK');

    expect(codeOf(await platform.call(REMOVE, { w: owner.home, u: member.userId }, owner.accessToken))).toBe('OK');
    expect(codeOf(await platform.call(FLOWS, {}, asViewer.accessToken))).toBe('UNAUTHENTICATED');
    const refreshed = await platform.call<{ refreshSession: { workspace: { id: string } } }>(REFRESH, { t: asViewer.refreshToken });
    expect(refreshed.data!.refreshSession.workspace.id).toBe(member.home);
  });

  it("holds an API key to its maker's current role: demoted, the next write is FORBIDDEN; removed, the key is refused", async () => {
    const owner = await register('owner');
    const member = await register('keymaker');
    const asEditor = await joinAs(owner, member, 'EDITOR');
    const created = await platform.call<{ createApiKey: { secret: string } }>(CREATE_KEY, { input: { name: 'ci', scopes: ['FLOWS_READ', 'FLOWS_WRITE'] } }, asEditor.accessToken);
    const key = created.data!.createApiKey.secret;
    // Used once, so the gateway holds the key's grant (as editor) in its cache.
    expect(codeOf(await platform.call(CREATE_FLOW, { input: flowInput('by key') }, key))).toBe('OK');

    expect(codeOf(await platform.call(CHANGE, { w: owner.home, u: member.userId, r: 'VIEWER' }, owner.accessToken))).toBe('OK');
    expect(codeOf(await platform.call(CREATE_FLOW, { input: flowInput('by demoted key') }, key))).toBe('FORBIDDEN');
    expect(codeOf(await platform.call(FLOWS, {}, key))).toBe('OK');

    expect(codeOf(await platform.call(REMOVE, { w: owner.home, u: member.userId }, owner.accessToken))).toBe('OK');
    expect(codeOf(await platform.call(FLOWS, {}, key))).toBe('UNAUTHENTICATED');
  });
});
