import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto';

/** argon2id cost; OWASP's recommended minimum is m=19 MiB, t=2, p=1. */
export interface Argon2Cost {
  /** KiB @default 19_456 */
  readonly memory: number;
  /** @default 2 */
  readonly passes: number;
  /** @default 1 */
  readonly parallelism: number;
}

export const OWASP_ARGON2_COST: Argon2Cost = { memory: 19_456, passes: 2, parallelism: 1 };

const TAG_BYTES = 32;
const SALT_BYTES = 16;
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w+/]+)\$([\w+/]+)$/;

function derive(password: string, salt: Buffer, cost: Argon2Cost, tagLength = TAG_BYTES): Promise<Buffer> {
  const parameters: Argon2Parameters = { message: password, nonce: salt, tagLength, ...cost };
  return new Promise((resolve, reject) => argon2('argon2id', parameters, (error, key) => (error ? reject(error) : resolve(key))));
}

const b64 = (buffer: Buffer): string => buffer.toString('base64').replace(/=+$/, '');

/**
 * Hashes passwords with argon2id from node:crypto and stores them as PHC strings
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so the cost travels with each hash and can be raised later.
 */
export class PasswordHasher {
  /** A hash of a random password, verified against when an email is unknown so both paths cost the same. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly cost: Argon2Cost = OWASP_ARGON2_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const { memory, passes, parallelism } = this.cost;
    const tag = await derive(password, salt, this.cost);
    return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(tag)}`;
  }

  /** Constant-time comparison; a malformed stored hash never matches. */
  async verify(stored: string, password: string): Promise<boolean> {
    const match = PHC.exec(stored);
    if (!match) return false;
    const [, m, t, p, salt, tag] = match;
    const expected = Buffer.from(tag!, 'base64');
    const cost = { memory: Number(m), passes: Number(t), parallelism: Number(p) };
    const actual = await derive(password, Buffer.from(salt!, 'base64'), cost, expected.length);
    return timingSafeEqual(actual, expected);
  }

  /** Runs a full verify that always fails: for unknown emails, so they answer as slowly as wrong passwords. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.prepare(), password);
    return false;
  }

  /** Makes the dummy hash now, so even the first unknown email costs no more than a wrong password. */
  prepare(): Promise<string> {
    this.dummyHash ??= this.hash(randomBytes(24).toString('base64'));
    return this.dummyHash;
  }

  /** The stored hash was made with other parameters than today's: rehash after a successful sign-in. */
  needsRehash(stored: string): boolean {
    const { memory, passes, parallelism } = this.cost;
    return !stored.startsWith(`$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$`);
  }
}
