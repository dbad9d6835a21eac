import { describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { CallerSigner, GatewayRequestVerifier, routeOf, signCaller, verifyCaller, type Caller } from './caller';

const key = 'k'.repeat(64);
const caller: Caller = { userId: 'u1', workspaceId: 'w1', role: 'editor', scopes: null };
const graphql = routeOf('POST', 'http://127.0.0.1:4001/graphql');
const webhook = routeOf('POST', 'http://127.0.0.1:4003/internal/webhooks/orders%2Fnew');

describe('signed internal caller header', () => {
  it('round-trips a caller and an anonymous caller', () => {
    expect(verifyCaller(key, graphql, signCaller(key, graphql, caller), 30_000)).toEqual(caller);
    expect(verifyCaller(key, graphql, signCaller(key, graphql, null), 30_000)).toBeNull();
  });

  it('refuses a request without the signature headers', () => {
    expect(() => verifyCaller(key, graphql, {}, 30_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses a caller changed after signing', () => {
    const headers = signCaller(key, graphql, caller);
    const forged = Buffer.from(JSON.stringify({ ...caller, role: 'owner' })).toString('base64url');
    expect(() => verifyCaller(key, graphql, { ...headers, [InternalHeader.caller]: forged }, 30_000)).toThrow(/Invalid gateway signature/);
  });

  it('refuses a signature made with another key', () => {
    expect(() => verifyCaller(key, graphql, signCaller('x'.repeat(64), graphql, caller), 30_000)).toThrow(/Invalid gateway signature/);
  });

  it('refuses a stale signature', () => {
    const headers = signCaller(key, graphql, caller, Date.now() - 60_000);
    expect(() => verifyCaller(key, graphql, headers, 30_000)).toThrow(/Stale/);
  });
});

describe('a signature is good for the one route it was made for', () => {
  it('refuses a webhook forward replayed on POST /graphql, and a /graphql signature on the webhook route', () => {
    const forWebhook = signCaller(key, webhook, null);
    const forGraphql = signCaller(key, graphql, null);
    expect(verifyCaller(key, webhook, forWebhook, 30_000)).toBeNull();
    expect(() => verifyCaller(key, graphql, forWebhook, 30_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => verifyCaller(key, webhook, forGraphql, 30_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('refuses another webhook path, another method, and a path only equal after decoding', () => {
    const forWebhook = signCaller(key, webhook, null);
    for (const other of [
      routeOf('POST', '/internal/webhooks/orders%2Fold'),
      routeOf('GET', '/internal/webhooks/orders%2Fnew'),
      routeOf('POST', '/internal/webhooks/orders/new'),
      routeOf('POST', '/internal/api-keys/verify'),
    ]) {
      expect(() => verifyCaller(key, other, forWebhook, 30_000)).toThrow(/Invalid gateway signature/);
    }
  });

  it('reads the same route where it is sent and where it is received, whatever the host or query', () => {
    expect(routeOf('post', 'http://10.0.0.2:4003/internal/webhooks/a%2Fb?x=1')).toEqual({ method: 'POST', path: '/internal/webhooks/a%2Fb' });
    expect(routeOf('POST', '/internal/webhooks/a%2Fb?x=1')).toEqual(routeOf('POST', 'http://127.0.0.1:1/internal/webhooks/a%2Fb'));
    // What the receiver routes on: `..` is resolved before the route is compared.
    expect(routeOf('POST', '/internal/webhooks/x/../../../graphql')).toEqual(graphql);
  });

  it('refuses an old signature for its own route', () => {
    const old = signCaller(key, webhook, null, 1_000_000);
    expect(verifyCaller(key, webhook, old, 10_000, 1_005_000)).toBeNull();
    expect(() => verifyCaller(key, webhook, old, 10_000, 1_010_001)).toThrow(/Stale/);
  });
});

describe('CallerSigner: one signature per route, caller and client address, reused for a while', () => {
  it('reuses the headers within the window and signs again after it', () => {
    const signer = new CallerSigner(key, { reuseMs: 1_000 });
    const first = signer.headersFor(graphql, caller, '203.0.113.7', 10_000);
    expect(signer.headersFor(graphql, caller, '203.0.113.7', 10_999)).toBe(first);
    const later = signer.headersFor(graphql, caller, '203.0.113.7', 11_000);
    expect(later).not.toBe(first);
    expect(later[InternalHeader.timestamp]).toBe('11000');
    expect(verifyCaller(key, graphql, later, 30_000, 11_000)).toEqual(caller);
  });

  it('signs each route, each caller and each client address on its own', () => {
    const signer = new CallerSigner(key);
    const alice = signer.headersFor(graphql, caller, '203.0.113.7', 10_000);
    const bob = signer.headersFor(graphql, { ...caller, userId: 'u2' }, '203.0.113.7', 10_000);
    const otherAddress = signer.headersFor(graphql, caller, '203.0.113.8', 10_000);
    const anonymous = signer.headersFor(graphql, null, undefined, 10_000);
    const otherRoute = signer.headersFor(webhook, caller, '203.0.113.7', 10_000);
    expect(new Set([alice, bob, otherAddress, anonymous, otherRoute].map((h) => h[InternalHeader.signature])).size).toBe(5);
    expect(verifyCaller(key, graphql, bob, 30_000, 10_000)).toEqual({ ...caller, userId: 'u2' });
    expect(verifyCaller(key, graphql, anonymous, 30_000, 10_000)).toBeNull();
    expect(() => verifyCaller(key, graphql, otherRoute, 30_000, 10_000)).toThrow(/Invalid gateway signature/);
  });
});

describe('GatewayRequestVerifier: a verified signature is recognised, never trusted beyond what it signed', () => {
  it('answers a repeated signature with the same (frozen) caller', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, graphql, caller, 10_000, '203.0.113.7');
    const first = verifier.verify(graphql, headers, 10_000);
    expect(first).toEqual({ caller, clientIp: '203.0.113.7' });
    expect(verifier.verify(graphql, { ...headers }, 12_000)).toBe(first);
    expect(Object.isFrozen(first.caller)).toBe(true);
  });

  it('refuses a known signature sent with another route, caller, time or client address', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, graphql, caller, 10_000, '203.0.113.7');
    verifier.verify(graphql, headers, 10_000);
    const owner = Buffer.from(JSON.stringify({ ...caller, role: 'owner' })).toString('base64url');
    expect(() => verifier.verify(webhook, headers, 10_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifier.verify(graphql, { ...headers, [InternalHeader.caller]: owner }, 10_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifier.verify(graphql, { ...headers, [InternalHeader.timestamp]: '20000' }, 20_000)).toThrow(/Invalid gateway signature/);
    expect(() => verifier.verify(graphql, { ...headers, [InternalHeader.clientIp]: '198.51.100.1' }, 10_000)).toThrow(/Invalid gateway signature/);
    const { [InternalHeader.clientIp]: _dropped, ...withoutAddress } = headers;
    expect(() => verifier.verify(graphql, withoutAddress, 10_000)).toThrow(/Invalid gateway signature/);
    expect(verifier.verify(graphql, headers, 10_000).caller).toEqual(caller);
  });

  it('refuses a known signature once it is older than the maximum age', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    const headers = signCaller(key, graphql, caller, 10_000);
    verifier.verify(graphql, headers, 10_000);
    expect(() => verifier.verify(graphql, headers, 40_001)).toThrow(/Stale/);
  });

  it('refuses missing headers and other keys like verifyCaller', () => {
    const verifier = new GatewayRequestVerifier(key, 30_000);
    expect(() => verifier.verify(graphql, {}, 10_000)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => verifier.verify(graphql, signCaller('x'.repeat(64), graphql, caller, 10_000), 10_000)).toThrow(/Invalid gateway signature/);
  });
});
