import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_VERIFY_PATH, routeOf, signCaller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { IdentityHarness, codeOf, type Account } from '../test-harness';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } } }`;
const LIST = `{ apiKeys { id name scopes lastUsedAt } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) }`;

let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start();
  await h.recordRevocations();
});
afterAll(() => h?.close());

async function verify(secret: string, signed = true): Promise<Response> {
  return fetch(`${h.baseUrl}${API_KEY_VERIFY_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signed ? signCaller(TEST_SIGNING_KEY, routeOf('POST', API_KEY_VERIFY_PATH), null) : {}) },
    body: JSON.stringify({ secret }),
  });
}

async function createKey(account: Account, scopes = ['FLOWS_READ', 'EXECUTIONS_RUN']) {
  const answer = await h.call(CREATE, { input: { name: 'CI', scopes } }, account.caller);
  expect(answer.errors).toBeUndefined();
  return answer.data!.createApiKey as { secret: string; apiKey: { id: string; scopes: string[]; displayPrefix: string } };
}

describe('API keys', () => {
  it('returns a high-entropy omk_ secret once; the list never shows it', async () => {
    const account = await h.register('keys');
    const created = await createKey(account);
    expect(created.secret).toMatch(/^omk_[\w-]{43}$/);
    expect(created.apiKey).toMatchObject({ scopes: ['FLOWS_READ', 'EXECUTIONS_RUN'], displayPrefix: created.secret.slice(0, 10) });
    const list = await h.call(LIST, {}, account.caller);
    expect(list.data!.apiKeys).toEqual([{ id: created.apiKey.id, name: 'CI', scopes: ['FLOWS_READ', 'EXECUTIONS_RUN'], lastUsedAt: null }]);
    expect(JSON.stringify(list)).not.toContain(created.secret.slice(10));
  });

  it('verifies to its owner, role and scopes in its workspace, and records use at most once a minute', async () => {
    const account = await h.register('verify');
    const { secret, apiKey } = await createKey(account);
    const first = await (await verify(secret)).json();
    expect(first).toEqual({ caller: { ...account.caller, scopes: ['flows:read', 'executions:run'], apiKeyId: apiKey.id } });
    const used = (await h.call(LIST, {}, account.caller)).data!.apiKeys[0].lastUsedAt as string;
    expect(used).not.toBeNull();
    await verify(secret);
    expect((await h.call(LIST, {}, account.caller)).data!.apiKeys[0].lastUsedAt).toBe(used);
  });

  it("refuses scopes beyond the maker's role and creates nothing", async () => {
    const account = await h.register('viewer-key');
    const viewer = { ...account.caller, role: 'viewer' as const };
    const refused = await h.call(CREATE, { input: { name: 'too much', scopes: ['FLOWS_READ', 'FLOWS_WRITE', 'EXECUTIONS_RUN'] } }, viewer);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toBe('Your viewer role cannot grant flows:write, executions:run to a key');
    expect((await h.call(LIST, {}, viewer)).data!.apiKeys).toEqual([]);
    const readOnly = await h.call(CREATE, { input: { name: 'reader', scopes: ['FLOWS_READ', 'EXECUTIONS_READ', 'AI_READ'] } }, viewer);
    expect(readOnly.errors).toBeUndefined();
  });

  it('answers the internal route only with a gateway signature', async () => {
    const account = await h.register('unsigned');
    const { secret } = await createKey(account);
    const response = await verify(secret, false);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain(account.caller.userId);
  });

  it('stops verifying a revoked key and announces the revocation', async () => {
    const account = await h.register('revoke');
    const { secret, apiKey } = await createKey(account);
    expect((await h.call(REVOKE, { id: apiKey.id }, account.caller)).data).toEqual({ revokeApiKey: true });
    expect(await (await verify(secret)).json()).toEqual({ caller: null });
    await h.untilRevocation((e) => e.kind === 'apiKey' && e.apiKeyId === apiKey.id);
    expect(h.revocations).toContainEqual({ kind: 'apiKey', apiKeyId: apiKey.id });
    expect((await h.call(LIST, {}, account.caller)).data!.apiKeys).toEqual([]);
  });

  it("answers another workspace's key like a missing one", async () => {
    const alice = await h.register('alice');
    const bob = await h.register('bob');
    const { apiKey } = await createKey(bob);
    const foreign = await h.call(REVOKE, { id: apiKey.id }, alice.caller);
    const missing = await h.call(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, alice.caller);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);
  });

  it('cannot be used to mint, list or revoke keys', async () => {
    const account = await h.register('mint');
    const { apiKey } = await createKey(account);
    const asKey = { ...account.caller, scopes: ['flows:read' as const], apiKeyId: apiKey.id };
    expect(codeOf(await h.call(CREATE, { input: { name: 'x', scopes: ['FLOWS_READ'] } }, asKey))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(LIST, {}, asKey))).toBe('FORBIDDEN');
    expect(codeOf(await h.call(REVOKE, { id: apiKey.id }, asKey))).toBe('FORBIDDEN');
  });

  it('refuses an empty scope list and an oversized name', async () => {
    const account = await h.register('badkey');
    expect(codeOf(await h.call(CREATE, { input: { name: 'x', scopes: [] } }, account.caller))).toBe('VALIDATION_FAILED');
    expect(codeOf(await h.call(CREATE, { input: { name: 'x'.repeat(101), scopes: ['FLOWS_READ'] } }, account.caller))).toBe('VALIDATION_FAILED');
  });
});
