import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './password-hasher';

const cheap = { memory: 1024, passes: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hasher = new PasswordHasher(cheap);
    const hash = await hasher.hash('correct horse battery');
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse batterz')).toBe(false);
  });

  it('salts every hash', async () => {
    const hasher = new PasswordHasher(cheap);
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies with the parameters stored in the hash and asks for a rehash when they changed', async () => {
    const old = await new PasswordHasher(cheap).hash('long lived password');
    const today = new PasswordHasher({ ...cheap, memory: 2048 });
    expect(await today.verify(old, 'long lived password')).toBe(true);
    expect(today.needsRehash(old)).toBe(true);
    expect(today.needsRehash(await today.hash('x'))).toBe(false);
  });

  it('never matches a malformed hash and the dummy never matches', async () => {
    const hasher = new PasswordHasher(cheap);
    expect(await hasher.verify('$2b$10$bcrypt-looking', 'anything')).toBe(false);
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });
});
