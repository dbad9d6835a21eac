import { describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { CallerSigner, GatewayRequestVerifier, signCaller, verifyCaller, type Caller } from './caller';

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

describe('CallerSigner: one signature per caller and client address, reused for a while', () => {
  it('reuses the headers within the window and signs again after it', () => {
    const signer = new CallerSigner(key, { reuseMs: 1_000 });
    const first = signer.headersFor(caller, '203.0.113.7', 10_000);
    expect(signer.headersFor(caller, '203.0.113.7', 10_999)).toBe(first);
    const later = signer.headersFor(caller, '203.0.113.7', 11_000);
    expect(later).not.toBe(first);
    expect(later[InternalHeader.timestamp]).toBe('11000');
    expect(verifyCaller(key, later, 30_000, 11_000)).toEqual(caller);
  });

  it('signs each caller and each client address on its own', () => {
    const signer = new CallerSigner(key);
    const alice = signer.headersFor(caller, '203.0.113.7', 10_000);
    const bob = signer.headersFor({ ...caller, userId: 'u2' }, '203.0.113.7', 10_000);
    const otherAddress = signer.headersFor(caller, '203.0.113.8', 10_000);
    const anonymous = signer.headersFor(null, undefined, 10_000);
    expect(new Set([alice, bob, otherAddress, anonymous].map((h) => h[InternalHeader.signature])).size).toBe(4);
    expect(verifyCaller(key, bob, 30_000, 10_000)).toEqual({ ...caller, userId: 'u2' });
    expect(verifyCaller(key, anonymous, 30_000, 10_000)).toBeNull();
  });
});

describe('GatewayRequestVerifier: a verified signature is recognised, never trusted beyond what it signed', () => {
  it('answers a repeated signature with the same (frozen) caller', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, caller, 10_000, '203.0.113.7');
    const first = verifier.verify(headers, 10_000);
    expect(first).toEqual({ caller, clientIp: '203.0.113.7' });
    expect(verifier.verify({ ...headers }, 12_000)).toBe(first);
    expect(Object.isFrozen(first.caller)).toBe(true);
  });

  it('refuses a known signature sent with another caller, time or client address', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, caller, 10_000, '203.0.113.7');
    verifier.verify(headers, 10_000);
    const owner = Buffer.from(JSON.stringify({ ...caller, role: 'owner' })).toString('base64url');
    expect(() => verifier.verify({ ...headers, [InternalHeader.caller]: owner }, 10_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifier.verify({ ...headers, [InternalHeader.timestamp]: '20000' }, 20_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifier.verify({ ...headers, [InternalHeader.clientIp]: '198.51.100.1' }, 10_000)).toThrow(/Invalid gateway signature/);
    const { [InternalHeader.clientIp]: _dropped, ...withoutAddress } = headers;
    expect(() => verifier.verify(withoutAddress, 10_000)).toThrow(/Invalid gateway signature/);
    expect(verifier.verify(headers, 10_000).caller).toEqual(caller);
  });

  it('refuses a known signature once it is older than the maximum age', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, caller, 10_000);
    verifier.verify(headers, 10_000);
    expect(() => verifier.verify(headers, 40_001)).toThrow(/Stale/);
  });

  it('refuses missing headers and other keys like verifyCaller', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    expect(() => verifier.verify({}, 10_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => verifier.verify(signCaller('x'.repeat(64), caller, 10_000), 10_000)).toThrow(/Invalid gateway signature/);
  });
});
