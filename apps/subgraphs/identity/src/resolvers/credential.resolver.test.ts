import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_LOOKUP_PATH, CREDENTIAL_RESOLVE_PATH, routeOf, SecretBox, signCaller, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { Credential } from '../entities/credential.entity';
import { IdentityHarness, codeOf, type Account } from '../test-harness';

const FIELDS = 'id name type createdAt updatedAt lastUsedAt';
const CREATE = `mutation($input: CredentialInput!) { createCredential(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteCredential(id: $id) }`;
const TEST = `mutation($id: ID!) { testCredential(id: $id) { ok code message } }`;
const LIST = `{ credentials { ${FIELDS} } }`;
const TOKEN = 'tok-2f9c1d7e4b8a-secret';

let h: IdentityHarness;
let api: Server;
let apiUrl: string;
let previousAllowList: string | undefined;

beforeAll(async () => {
  // testCredential calls the local server below; loopback is allowed only through the allow-list.
  previousAllowList = process.env.HTTP_ALLOW_LIST;
  process.env.HTTP_ALLOW_LIST = '127.0.0.1';
  h = await IdentityHarness.start();
  api = createServer((req, res) => {
    if (req.url === '/token' && req.method === 'POST') {
      const ok = req.headers.authorization === `Basic ${Buffer.from('client-1:client-secret-9').toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? JSON.stringify({ access_token: 'issued-token-1', expires_in: 3600 }) : '{}');
      return;
    }
    res.writeHead(req.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (previousAllowList === undefined) delete process.env.HTTP_ALLOW_LIST;
  else process.env.HTTP_ALLOW_LIST = previousAllowList;
  api?.close();
  await h?.close();
});

async function create(account: Account, input: Record<string, unknown>) {
  const answer = await h.call(CREATE, { input }, account.caller);
  expect(answer.errors).toBeUndefined();
  return answer.data!.createCredential as { id: string; name: string; type: string };
}

const bearer = (name: string, token = TOKEN) => ({ name, type: 'BEARER', fields: { token, testUrl: `${apiUrl}/check` } });

interface ResolvedBody {
  credential: { id: string; type: string; fields: Record<string, unknown> };
}

/** What the signed resolve route answers for `name` in the caller's workspace. */
async function resolvedOf(caller: Caller, name: string): Promise<ResolvedBody> {
  return (await (await resolveSigned(caller, name)).json()) as ResolvedBody;
}

async function resolveSigned(caller: Caller, name: string): Promise<Response> {
  const url = `${h.baseUrl}${CREDENTIAL_RESOLVE_PATH}`;
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', url), caller) }, body: JSON.stringify({ name }) });
}

describe('credentials', () => {
  it('stores a credential whose secret no answer, list or stored row shows, and resolves it over the signed route', async () => {
    const owner = await h.register('cred-owner');
    const created = await create(owner, bearer('partner api'));
    expect(created).toMatchObject({ name: 'partner api', type: 'BEARER' });
    const list = await h.call(LIST, {}, owner.caller);
    expect(list.data!.credentials).toEqual([expect.objectContaining({ id: created.id, name: 'partner api', type: 'BEARER', lastUsedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    const rows = await h.identity.subgraph.orm.em.fork().getConnection().execute('select * from credentials');
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
    const resolved = await resolvedOf(owner.caller, 'partner api');
    expect(resolved.credential).toMatchObject({ id: created.id, type: 'BEARER', fields: { token: TOKEN } });
    expect((await h.call(LIST, {}, owner.caller)).data!.credentials[0].lastUsedAt).not.toBeNull();
  });

  it('shows viewers names and types only and refuses them every change', async () => {
    const owner = await h.register('cred-viewer');
    const created = await create(owner, bearer('shared'));
    const viewer: Caller = { ...owner.caller, role: 'viewer' };
    expect((await h.call(LIST, {}, viewer)).data!.credentials).toEqual([expect.objectContaining({ name: 'shared', type: 'BEARER' })]);
    expect(codeOf(await h.call(CREATE, { input: bearer('mine') }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(UPDATE, { id: created.id, input: bearer('shared', 'x-new-token') }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(DELETE, { id: created.id }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(TEST, { id: created.id }, viewer))).toBe('FORBIDDEN');
  });

  it("answers another workspace's credential like a missing one: not listed, updated, deleted, tested or resolved", async () => {
    const owner = await h.register('cred-a');
    const stranger = await h.register('cred-b');
    const created = await create(owner, bearer('private'));
    expect((await h.call(LIST, {}, stranger.caller)).data!.credentials).toEqual([]);
    expect(codeOf(await h.call(UPDATE, { id: created.id, input: bearer('private', 'stolen-token') }, stranger.caller))).toBe('NOT_FOUND');
    expect(codeOf(await h.call(DELETE, { id: created.id }, stranger.caller))).toBe('NOT_FOUND');
    expect(codeOf(await h.call(TEST, { id: created.id }, stranger.caller))).toBe('NOT_FOUND');
    expect((await resolveSigned(stranger.caller, 'private')).status).toBe(404);
    const lookupUrl = `${h.baseUrl}${CREDENTIAL_LOOKUP_PATH}`;
    const lookup = await fetch(lookupUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', lookupUrl), stranger.caller) }, body: JSON.stringify({ names: ['private'] }) });
    expect(await lookup.json()).toEqual({ types: {} });
  });

  it('refuses the resolve route without an internal signature, or with one made for another route', async () => {
    const owner = await h.register('cred-unsigned');
    await create(owner, bearer('guarded'));
    const url = `${h.baseUrl}${CREDENTIAL_RESOLVE_PATH}`;
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'guarded' }) });
    expect(unsigned.status).toBe(401);
    const forGraphql = signCaller(TEST_SIGNING_KEY, routeOf('POST', h.identity.url), owner.caller);
    const replayed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...forGraphql }, body: JSON.stringify({ name: 'guarded' }) });
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).not.toContain(TOKEN);
  });

  it('names the bad fields (VALIDATION_FAILED) and refuses a second credential of the same name (CONFLICT)', async () => {
    const owner = await h.register('cred-valid');
    const missing = await h.call(CREATE, { input: { name: 'x', type: 'BEARER', fields: {} } }, owner.caller);
    expect(codeOf(missing)).toBe('VALIDATION_FAILED');
    expect(missing.errors![0]!.extensions.fields).toEqual(['fields.token']);
    const pg = await h.call(CREATE, { input: { name: 'db', type: 'POSTGRES', fields: { url: 'mysql://u:p@h/db' } } }, owner.caller);
    expect(pg.errors![0]!.extensions.fields).toEqual(['fields.url']);
    expect(JSON.stringify(pg)).not.toContain('u:p@h');
    await create(owner, bearer('taken'));
    expect(codeOf(await h.call(CREATE, { input: bearer('taken') }, owner.caller))).toBe('CONFLICT');
  });

  it('keeps secret fields an update leaves out, replaces those it gives (rotation), and audits every change', async () => {
    const owner = await h.register('cred-rotate');
    const created = await create(owner, { name: 'svc', type: 'BASIC', fields: { username: 'svc', password: 'first-password' } });
    const renamed = await h.call(UPDATE, { id: created.id, input: { name: 'svc renamed', type: 'BASIC', fields: { username: 'svc2' } } }, owner.caller);
    expect(renamed.errors).toBeUndefined();
    expect((await resolvedOf(owner.caller, 'svc renamed')).credential.fields).toEqual({ username: 'svc2', password: 'first-password' });
    await h.call(UPDATE, { id: created.id, input: { name: 'svc renamed', type: 'BASIC', fields: { username: 'svc2', password: 'second-password' } } }, owner.caller);
    expect((await resolvedOf(owner.caller, 'svc renamed')).credential.fields.password).toBe('second-password');
    const wrongType = await h.call(UPDATE, { id: created.id, input: bearer('svc renamed') }, owner.caller);
    expect(wrongType.errors![0]!.extensions.fields).toEqual(['type']);
    await h.call(TEST, { id: created.id }, owner.caller);
    expect((await h.call(DELETE, { id: created.id }, owner.caller)).data).toEqual({ deleteCredential: true });
    const audit = await h.call(`{ auditLog(first: 20) { edges { node { action target details } } } }`, {}, owner.caller);
    const actions = (audit.data!.auditLog.edges as Array<{ node: { action: string; target: string } }>).filter((edge) => edge.node.target === created.id).map((edge) => edge.node.action);
    expect(actions).toEqual(['credential.deleted', 'credential.tested', 'credential.updated', 'credential.updated', 'credential.created']);
    expect(JSON.stringify(audit)).not.toMatch(/first-password|second-password/);
  });

  it('answers a credential no configured key opens with a coded refusal and no detail, and lets an editor repair it by giving the secret again', async () => {
    const owner = await h.register('cred-lost-key');
    const created = await create(owner, bearer('lost'));
    const orm = h.identity.subgraph.orm;
    const foreign = new SecretBox(randomBytes(32).toString('base64'));
    await orm.em.fork().nativeUpdate(Credential, { id: created.id }, { sealedFields: foreign.seal('{"token":"x"}', 'elsewhere'), keyId: foreign.keyId });
    const refused = await resolveSigned(owner.caller, 'lost');
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL', reason: 'UNDECRYPTABLE' } }] });
    expect((await h.call(TEST, { id: created.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: false, code: 'UNDECRYPTABLE' });
    const keepOld = await h.call(UPDATE, { id: created.id, input: { name: 'lost', type: 'BEARER', fields: {} } }, owner.caller);
    expect(keepOld.errors![0]!.extensions.fields).toEqual(['fields.token']);
    expect((await h.call(UPDATE, { id: created.id, input: bearer('lost', 'repaired-token') }, owner.caller)).errors).toBeUndefined();
    expect((await resolvedOf(owner.caller, 'lost')).credential.fields.token).toBe('repaired-token');
  });

  it('tests a bearer credential with a real request under the address policy', async () => {
    const owner = await h.register('cred-test');
    const good = await create(owner, bearer('good'));
    const bad = await create(owner, bearer('bad', 'wrong-token-value'));
    const blocked = await create(owner, { name: 'internal', type: 'BEARER', fields: { token: TOKEN, testUrl: 'http://10.0.0.1/check' } });
    const untestable = await create(owner, { name: 'no url', type: 'BEARER', fields: { token: TOKEN } });
    expect((await h.call(TEST, { id: good.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: true, code: 'OK' });
    expect((await h.call(TEST, { id: bad.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: false, code: 'HTTP_STATUS' });
    const refused = (await h.call(TEST, { id: blocked.id }, owner.caller)).data!.testCredential;
    expect(refused).toMatchObject({ ok: false, code: 'HTTP_BLOCKED' });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    expect((await h.call(TEST, { id: untestable.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: false, code: 'NO_TEST_URL' });
  });

  it('tests OAuth2 client credentials against the token endpoint and a PostgreSQL credential by connecting', async () => {
    const owner = await h.register('cred-oauth');
    const oauth = await create(owner, { name: 'oauth', type: 'OAUTH2_CLIENT_CREDENTIALS', fields: { tokenUrl: `${apiUrl}/token`, clientId: 'client-1', clientSecret: 'client-secret-9' } });
    const refused = await create(owner, { name: 'oauth bad', type: 'OAUTH2_CLIENT_CREDENTIALS', fields: { tokenUrl: `${apiUrl}/token`, clientId: 'client-1', clientSecret: 'nope-nope' } });
    expect((await h.call(TEST, { id: oauth.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: true });
    expect((await h.call(TEST, { id: refused.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: false, code: 'CREDENTIAL_REJECTED' });
    const database = await create(owner, { name: 'pg', type: 'POSTGRES', fields: { host: '127.0.0.1', database: 'postgres', user: 'postgres', password: 'unused-by-trust' } });
    expect((await h.call(TEST, { id: database.id }, owner.caller)).data!.testCredential).toMatchObject({ ok: true, code: 'OK' });
    const nowhere = await create(owner, { name: 'pg down', type: 'POSTGRES', fields: { url: 'postgres://postgres:pw-77@127.0.0.1:1/postgres' } });
    const failed = (await h.call(TEST, { id: nowhere.id }, owner.caller)).data!.testCredential;
    expect(failed).toMatchObject({ ok: false, code: 'CONNECTION_FAILED' });
    expect(JSON.stringify(failed)).not.toContain('pw-77');
  });

  it('serves each type with the JSON schema its form is drawn from', async () => {
    const owner = await h.register('cred-types');
    const answer = await h.call(`{ credentialTypes { type fieldsSchema secretFields } }`, {}, { ...owner.caller, role: 'viewer' });
    const bearerType = (answer.data!.credentialTypes as Array<{ type: string; fieldsSchema: { properties: Record<string, { secret?: boolean }> }; secretFields: string[] }>).find((t) => t.type === 'BEARER')!;
    expect(bearerType.secretFields).toEqual(['token']);
    expect(bearerType.fieldsSchema.properties.token!.secret).toBe(true);
  });
});
