import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { postgresDatabaseName } from '@omnitron/server-kit';
import { PasswordHasher } from '../services/password-hasher';
import { IdentityHarness, codeOf } from '../test-harness';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken role user { id email name } workspace { id name personal myRole } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken user { email } } }`;

let h: IdentityHarness;
beforeAll(async () => {
  h = await IdentityHarness.start();
});
afterAll(() => h?.close());

async function storedHash(email: string): Promise<string> {
  const url = new URL(h.identity.config.DATABASE_URL!);
  url.pathname = `/${postgresDatabaseName(h.identity.config.DATABASE_URL!, 'identity')}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ password_hash: string }>('select password_hash from users where email = $1', [email]);
    return rows[0]!.password_hash;
  } finally {
    await client.end();
  }
}

describe('register', () => {
  it('creates the account with a personal workspace it owns and signs in', async () => {
    const answer = await h.call(REGISTER, { input: { email: '  Ada@Example.COM ', password: 'analytical engine 1843', name: 'Ada' } });
    expect(answer.errors).toBeUndefined();
    const payload = answer.data!.register;
    expect(payload.user.email).toBe('ada@example.com');
    expect(payload.role).toBe('OWNER');
    expect(payload.workspace).toMatchObject({ personal: true, myRole: null, name: "Ada's workspace" });
    const caller = await h.callerOf(payload.accessToken);
    expect(caller).toEqual({ userId: payload.user.id, workspaceId: payload.workspace.id, role: 'owner', scopes: null });
    expect(payload.refreshToken).toMatch(/^omr_[\w-]{43}$/);
  });

  it('stores an argon2id hash carrying its OWASP parameters', async () => {
    const { email, password } = await h.register('hash');
    const hash = await storedHash(email);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[\w+/]{22}\$[\w+/]{43}$/);
    expect(hash).not.toContain(password);
  });

  it('answers CONFLICT for an existing email, whatever its case, without saying more', async () => {
    const { email } = await h.register('dupe');
    const answer = await h.call(REGISTER, { input: { email: email.toUpperCase(), password: 'another long password', name: 'Mallory' } });
    expect(codeOf(answer)).toBe('CONFLICT');
    expect(answer.errors![0]!.message).toBe('This email cannot be used to register; sign in instead');
    expect(answer.data).toBeNull();
  });

  it.each([
    ['a short password', { email: 'short@example.com', password: 'tooshort', name: 'S' }, 'at least 10'],
    ['a password containing the email', { email: 'grace@example.com', password: 'xxgrace@example.comxx', name: 'G' }, 'must not contain your email'],
    ['a password containing the email name', { email: 'hopper@example.com', password: 'i-am-hopper-1906', name: 'G' }, 'must not contain your email'],
    ['an email over 320 characters', { email: `${'a'.repeat(320)}@example.com`, password: 'long enough password', name: 'A' }, 'at most 320'],
    ['a name over 200 characters', { email: 'long-name@example.com', password: 'long enough password', name: 'n'.repeat(201) }, 'at most 200'],
    ['a password over 1024 characters', { email: 'long-pw@example.com', password: 'p'.repeat(1025), name: 'P' }, 'at most 1024'],
    ['an invalid email', { email: 'not-an-email', password: 'long enough password', name: 'P' }, 'not a valid address'],
  ])('refuses %s with VALIDATION_FAILED', async (_label, input, message) => {
    const answer = await h.call(REGISTER, { input });
    expect(codeOf(answer)).toBe('VALIDATION_FAILED');
    expect(answer.errors![0]!.message).toContain(message);
  });
});

describe('login', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const { email, password } = await h.register('login');
    const answer = await h.call(LOGIN, { input: { email: ` ${email.toUpperCase()}`, password } });
    expect(answer.data?.login.user.email).toBe(email);
    expect((await h.callerOf(answer.data!.login.accessToken)).role).toBe('owner');
  });

  it('answers a wrong password and an unknown email identically, running argon2 for both', async () => {
    const { email } = await h.register('same');
    const dummy = vi.spyOn(PasswordHasher.prototype, 'verifyDummy');
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const wrong = await h.call(LOGIN, { input: { email, password: 'not the password at all' } }, null, '192.0.2.10');
    expect(dummy).not.toHaveBeenCalled();
    const unknown = await h.call(LOGIN, { input: { email: 'nobody-here@example.com', password: 'not the password at all' } }, null, '192.0.2.11');
    expect(dummy).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledTimes(2);
    const strip = (a: typeof wrong) => a.errors!.map(({ message, extensions: { code } }) => ({ message, code }));
    expect(strip(wrong)).toEqual([{ message: 'Invalid email or password', code: 'UNAUTHENTICATED' }]);
    expect(strip(unknown)).toEqual(strip(wrong));
    vi.restoreAllMocks();
  });

  it('refuses oversized input before hashing', async () => {
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const answer = await h.call(LOGIN, { input: { email: 'x@example.com', password: 'p'.repeat(1025) } });
    expect(codeOf(answer)).toBe('VALIDATION_FAILED');
    expect(verify).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('limits attempts per email to 10 per 15 minutes, with retryAfterSeconds', async () => {
    const { email } = await h.register('brute');
    for (let i = 0; i < 10; i++) {
      const answer = await h.call(LOGIN, { input: { email, password: `guess number ${i}` } }, null, `192.0.2.${100 + i}`);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    }
    const limited = await h.call(LOGIN, { input: { email, password: 'correct horse battery staple' } }, null, '192.0.2.200');
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions.retryAfterSeconds).toBeGreaterThan(800);
  });

  it('does not count successful sign-ins against the client IP', async () => {
    const ip = '192.0.2.240';
    const account = await h.register('office');
    for (let i = 0; i < 12; i++) {
      const answer = await h.call(LOGIN, { input: { email: account.email, password: account.password } }, null, ip);
      expect(answer.errors).toBeUndefined();
    }
  });

  it('limits attempts per client IP across emails', async () => {
    const ip = '192.0.2.250';
    for (let i = 0; i < 10; i++) {
      await h.call(LOGIN, { input: { email: `spray-${i}@example.com`, password: 'password123456' } }, null, ip);
    }
    const limited = await h.call(LOGIN, { input: { email: 'spray-last@example.com', password: 'password123456' } }, null, ip);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
  });
});
