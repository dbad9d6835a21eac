import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const box = new SecretBox(randomBytes(32).toString('base64'));

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
});
