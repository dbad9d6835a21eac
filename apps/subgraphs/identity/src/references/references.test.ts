import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityHarness } from '../test-harness';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } ... on Workspace { id name } } }`;

const queries: string[] = [];
let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start({ onQuery: (sql) => queries.push(sql) });
});
afterAll(() => h?.close());

const selectsFrom = (table: string) => queries.filter((q) => new RegExp(`select .* from "${table}"`, 'i').test(q));

describe('federated references', () => {
  it('resolves many User and Workspace references with one query per entity type', async () => {
    const accounts = await Promise.all(['r1', 'r2', 'r3'].map((label) => h.register(label)));
    const representations = [
      ...accounts.map((a) => ({ __typename: 'User', id: a.caller.userId })),
      ...accounts.map((a) => ({ __typename: 'Workspace', id: a.caller.workspaceId })),
      { __typename: 'User', id: '00000000-0000-4000-8000-000000000000' },
    ];
    queries.length = 0;
    const answer = await h.call(ENTITIES, { r: representations }, accounts[0]!.caller);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([
      ...accounts.map((a) => ({ id: a.caller.userId, email: a.email })),
      ...accounts.map((a) => ({ id: a.caller.workspaceId, name: expect.stringContaining("'s workspace") })),
      null,
    ]);
    expect(selectsFrom('users')).toHaveLength(1);
    expect(selectsFrom('workspaces')).toHaveLength(1);
  });

  it('resolves nothing for an anonymous caller', async () => {
    const account = await h.register('anon-ref');
    const answer = await h.call(ENTITIES, { r: [{ __typename: 'User', id: account.caller.userId }, { __typename: 'Workspace', id: account.caller.workspaceId }] }, null);
    expect(answer.data?._entities ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(answer)).not.toContain(account.email);
  });
});
