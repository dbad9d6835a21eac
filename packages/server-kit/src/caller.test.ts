import { describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { signCaller, verifyCaller, type Caller } from './caller';

const key = 'k'.repeat(64);
const caller: Caller = { userId: 'u1', workspaceId: 'w1', role: 'editor', scopes: null };

describe('signed internal caller header', () => {
  it('round-trips a caller and an anonymous caller', () => {
    expect(verifyCaller(key, signCaller(key, caller), 30_000)).toEqual(caller);
    expect(verifyCaller(key, signCaller(key, null), 30_000)).toBeNull();
  });

  it('refuses a request without the signature headers', () => {
    expect(() => verifyCaller(key, {}, 30_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses a caller changed after signing', () => {
    const headers = signCaller(key, caller);
    const forged = Buffer.from(JSON.stringify({ ...caller, role: 'owner' })).toString('base64url');
    expect(() => verifyCaller(key, { ...headers, [InternalHeader.caller]: forged }, 30_000)).toThrow(/Invalid gateway signature/);
  });

  it('refuses a signature made with another key', () => {
    expect(() => verifyCaller(key, signCaller('x'.repeat(64), caller), 30_000)).toThrow(/Invalid gateway signature/);
  });

  it('refuses a stale signature', () => {
    const headers = signCaller(key, caller, Date.now() - 60_000);
    expect(() => verifyCaller(key, headers, 30_000)).toThrow(/Stale/);
  });
});
