import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

function keyOf(base64Key: string): Key {
  const bytes = Buffer.from(base64Key, 'base64');
  if (bytes.length !== 32) throw new Error('The encryption key must be 32 bytes, base64 encoded');
  // The id names the key without revealing it: a hash prefix, so rows say which key sealed them.
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 12), bytes };
}

/**
 * AES-256-GCM for secrets at rest (credentials, provider API keys). The ciphertext is bound to
 * `context` (what the secret belongs to: workspace and name) as additional data, so a row copied
 * elsewhere does not decrypt.
 *
 * Rotation without downtime: seal under the current key (ENCRYPTION_KEY), open under it or any
 * previous key (ENCRYPTION_KEY_PREVIOUS), and re-seal what `needsReseal` names. Each ciphertext
 * carries the id of the key that sealed it: `v2:<key id>:` + base64(iv | tag | ciphertext).
 * `v1:` ciphertexts (no key id, from before rotation existed) are tried under every key.
 */
export class SecretBox {
  private readonly current: Key;
  private readonly keys: readonly Key[];

  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    this.current = keyOf(currentKey);
    this.keys = [this.current, ...previousKeys.map(keyOf)];
  }

  /** The id of the key new secrets are sealed under. */
  get keyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v2:${this.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Throws when no known key opens it (unknown key id, another context, tampering). */
  open(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts[0] === 'v1' && parts.length === 2) return this.openWithAny(this.keys, parts[1]!, context);
    if (parts[0] !== 'v2' || parts.length !== 3) throw new Error('Unknown secret format');
    const key = this.keys.find((candidate) => candidate.id === parts[1]);
    if (!key) throw new Error('The secret was sealed under a key this process does not have');
    return decrypt(key, parts[2]!, context);
  }

  /** True when `sealed` is not under the current key (or predates key ids): re-seal it. */
  needsReseal(sealed: string): boolean {
    return !sealed.startsWith(`v2:${this.current.id}:`);
  }

  private openWithAny(keys: readonly Key[], payload: string, context: string): string {
    for (const key of keys) {
      try {
        return decrypt(key, payload, context);
      } catch {
        // Try the next key; the last failure is reported below.
      }
    }
    throw new Error('No known key opens this secret');
  }
}

function decrypt(key: Key, payload: string, context: string): string {
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
