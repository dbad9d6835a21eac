import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecrets, SecretBox } from '@omnitron/server-kit';
import { Credential } from '../entities/credential.entity';
import { IdentityHarness } from '../test-harness';
import { resealCredentials } from './credential-reseal';
import { CredentialStore } from './credential-store';

let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start();
});
afterAll(() => h?.close());

describe('credential key rotation', () => {
  it('re-seals every credential under the new key while the old one still reads them, then works without the old key', async () => {
    const owner = await h.register('rotation');
    for (const name of ['one', 'two']) {
      const answer = await h.call(`mutation($input: CredentialInput!) { createCredential(input: $input) { id } }`, { input: { name, type: 'BEARER', fields: { token: `token-of-${name}` } } }, owner.caller);
      expect(answer.errors).toBeUndefined();
    }
    const orm = h.identity.subgraph.orm;
    const oldKey = resolveSecrets(h.identity.config.DATA_DIR, {}).encryptionKey;
    const newKey = randomBytes(32).toString('base64');
    const during = new SecretBox(newKey, [oldKey]);
    // Mid-rotation, before anything is re-sealed, the rows open with the old key as previous.
    expect((await new CredentialStore(during).resolve(orm.em.fork(), owner.caller.workspaceId, 'one'))!.fields).toEqual({ token: 'token-of-one' });

    const first = await resealCredentials(orm, during);
    expect(first.resealed).toBeGreaterThanOrEqual(2);
    const rows = await orm.em.fork().find(Credential, { workspaceId: owner.caller.workspaceId });
    expect(rows.map((row) => row.keyId)).toEqual([during.keyId, during.keyId]);
    expect(await resealCredentials(orm, during)).toEqual({ resealed: 0, unreadable: 0 });

    const after = new CredentialStore(new SecretBox(newKey));
    expect((await after.resolve(orm.em.fork(), owner.caller.workspaceId, 'two'))!.fields).toEqual({ token: 'token-of-two' });
  });

  it('leaves rows no configured key opens and counts them', async () => {
    const owner = await h.register('rotation-lost');
    await h.call(`mutation($input: CredentialInput!) { createCredential(input: $input) { id } }`, { input: { name: 'orphan', type: 'BEARER', fields: { token: 'token-orphan' } } }, owner.caller);
    const unrelated = new SecretBox(randomBytes(32).toString('base64'));
    const result = await resealCredentials(h.identity.subgraph.orm, unrelated);
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    const row = await h.identity.subgraph.orm.em.fork().findOneOrFail(Credential, { workspaceId: owner.caller.workspaceId, name: 'orphan' });
    expect(row.keyId).not.toBe(unrelated.keyId);
  });
});
