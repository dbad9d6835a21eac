import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const newKey = () => randomBytes(32).toString('base64');
const box = new SecretBox(newKey());

/** A ciphertext in the format intelligence wrote before key ids existed. */
function sealV1(key: string, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

describe('SecretBox', () => {
  it('round-trips a secret and never stores the plaintext', () => {
    const sealed = box.seal('sk-live-123', 'ws:openai');
    expect(sealed).not.toContain('sk-live-123');
    expect(box.open(sealed, 'ws:openai')).toBe('sk-live-123');
  });

  it('refuses a ciphertext moved to another workspace or provider', () => {
    const sealed = box.seal('sk-live-123', 'ws:openai');
    expect(() => box.open(sealed, 'other:openai')).toThrow();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox(Buffer.from('short').toString('base64'))).toThrow(/32 bytes/);
  });

  it('opens secrets sealed under the previous key after rotation and names them for re-sealing', () => {
    const oldKey = newKey();
    const before = new SecretBox(oldKey);
    const sealed = before.seal('pg-password', 'ws:db');
    const currentKey = newKey();
    const rotated = new SecretBox(currentKey, [oldKey]);
    expect(rotated.needsReseal(sealed)).toBe(true);
    expect(rotated.open(sealed, 'ws:db')).toBe('pg-password');
    const resealed = rotated.seal(rotated.open(sealed, 'ws:db'), 'ws:db');
    expect(rotated.needsReseal(resealed)).toBe(false);
    expect(sealed.split(':')[1]).toBe(before.keyId);
    expect(resealed.split(':')[1]).toBe(rotated.keyId);
    // Once the old key is dropped, only re-sealed secrets open.
    const afterwards = new SecretBox(currentKey);
    expect(afterwards.open(resealed, 'ws:db')).toBe('pg-password');
    expect(() => afterwards.open(sealed, 'ws:db')).toThrow(/does not have/);
  });

  it('reads v1 ciphertexts (no key id) under the current or a previous key', () => {
    const oldKey = newKey();
    const rotated = new SecretBox(newKey(), [oldKey]);
    const legacy = sealV1(oldKey, 'sk-old', 'ws:openai');
    expect(rotated.open(legacy, 'ws:openai')).toBe('sk-old');
    expect(rotated.needsReseal(legacy)).toBe(true);
  });
});
