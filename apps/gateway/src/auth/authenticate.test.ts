import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticationOf, bearerOf, clientIpOf } from './authenticate';

const request = (headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.5') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('bearerOf', () => {
  it('reads "Bearer <token>" and refuses other schemes', () => {
    expect(bearerOf(request({ authorization: 'Bearer abc.def' }))).toBe('abc.def');
    expect(bearerOf(request({}))).toBeUndefined();
    expect(() => bearerOf(request({ authorization: 'Basic dXNlcjpwYXNz' }))).toThrow(/Bearer/);
  });
});

describe('clientIpOf', () => {
  it('uses the socket peer, ignoring X-Forwarded-For unless a proxy is trusted', () => {
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.4' });
    expect(clientIpOf(req)).toBe('10.0.0.5');
    // Behind a trusted proxy, the entry it appended last; earlier ones are client-controlled.
    expect(clientIpOf(req, true)).toBe('203.0.113.4');
  });
});

describe('authenticationOf', () => {
  it('reads both answer shapes', () => {
    const caller = { userId: 'u', workspaceId: 'w', role: 'viewer' as const, scopes: null };
    expect(authenticationOf({ caller, expiresAt: 5 })).toEqual({ caller, expiresAt: 5 });
    expect(authenticationOf(caller)).toEqual({ caller, expiresAt: null });
    expect(authenticationOf(null)).toEqual({ caller: null, expiresAt: null });
  });
});
