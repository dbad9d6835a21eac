import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OmnitronError, unauthenticated } from '@omnitron/schema';
import { createLogger, type Caller } from '@omnitron/server-kit';
import { credentialExpiresAt, credentialFrom, socketAuthentication } from './connection-credential';
import { SocketSession } from './socket-session';

const caller: Caller = { userId: 'u', workspaceId: 'w', role: 'editor', scopes: null };
const jwtExpiringAt = (seconds: number) => new UnsecuredJWT({}).setExpirationTime(seconds).encode();

describe('connection credentials', () => {
  it('reads the bearer token from connectionParams in the shapes clients send', () => {
    expect(credentialFrom({ authorization: 'Bearer abc' })).toBe('abc');
    expect(credentialFrom({ Authorization: 'bearer abc' })).toBe('abc');
    expect(credentialFrom({ headers: { authorization: 'Bearer abc' } })).toBe('abc');
    expect(credentialFrom({ token: 'omk_key' })).toBe('omk_key');
    expect(credentialFrom({})).toBeUndefined();
    expect(credentialFrom(undefined)).toBeUndefined();
  });

  it('refuses a malformed authorization value with UNAUTHENTICATED', () => {
    expect(() => credentialFrom({ authorization: 'Basic abc' })).toThrow(expect.objectContaining({ code: ErrorCode.UNAUTHENTICATED }));
    expect(() => credentialFrom({ token: 42 })).toThrow(expect.objectContaining({ code: ErrorCode.UNAUTHENTICATED }));
  });

  it("takes expiry from the authenticator, else from the JWT's exp; API keys have none", () => {
    const token = jwtExpiringAt(2_000_000_000);
    expect(credentialExpiresAt(token)).toBe(2_000_000_000_000);
    expect(credentialExpiresAt('omk_secret')).toBeUndefined();
    expect(socketAuthentication({ caller, expiresAt: 123 }, token)).toEqual({ caller, expiresAt: 123 });
    expect(socketAuthentication({ caller, expiresAt: null }, token)).toEqual({ caller, expiresAt: 2_000_000_000_000 });
    expect(socketAuthentication(caller, 'omk_secret')).toEqual({ caller, expiresAt: undefined });
  });
});

describe('SocketSession', () => {
  const log = createLogger('test', 'silent');
  const socketSpy = () => {
    const closes: Array<{ code: number; reason: string }> = [];
    return { closes, socket: { close: (code: number, reason: string) => void closes.push({ code, reason }) } };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  };

  it('closes with 4401 when a re-check finds the credential revoked', async () => {
    const { closes, socket } = socketSpy();
    let revoked = false;
    const session = new SocketSession(socket, 'omk_key', caller, '127.0.0.1', log);
    session.watch({ authenticate: async () => (revoked ? Promise.reject(unauthenticated('revoked')) : { caller, expiresAt: null }) }, undefined, 10);
    await new Promise((r) => setTimeout(r, 40));
    expect(closes).toEqual([]);
    revoked = true;
    await until(() => closes.length > 0);
    expect(closes).toEqual([{ code: 4401, reason: expect.stringMatching(/revoked/) }]);
    session.dispose();
  });

  it('keeps the socket when identity cannot be reached, and closes it at expiry', async () => {
    const { closes, socket } = socketSpy();
    const session = new SocketSession(socket, 'token', caller, '127.0.0.1', log);
    session.watch({ authenticate: () => Promise.reject(new OmnitronError(ErrorCode.INTERNAL, 'down')) }, Date.now() + 80, 10);
    await new Promise((r) => setTimeout(r, 40));
    expect(closes).toEqual([]);
    await until(() => closes.length > 0);
    expect(closes).toEqual([{ code: 4401, reason: 'Access token expired; reconnect with a fresh token' }]);
  });
});
