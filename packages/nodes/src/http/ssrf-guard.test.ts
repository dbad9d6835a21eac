import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, NodeError } from '../errors';
import type { ConnectTarget, HttpPolicy } from '../types';
import { guardedRequest } from './guarded-request';

/**
 * These tests must never open a socket to a non-loopback address, even if the guard is broken:
 * DNS is injected, and `beforeConnect` refuses (and records) any attempt before a socket opens.
 */
const attempts: ConnectTarget[] = [];

function policy(answers: Record<string, string[]>, extra: HttpPolicy = {}): HttpPolicy {
  return {
    lookup: async (hostname) =>
      (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    beforeConnect(target) {
      attempts.push(target);
      throw new Error(`test refused a connection to ${target.address}`);
    },
    ...extra,
  };
}

async function attempt(url: string, answers: Record<string, string[]> = {}, extra?: HttpPolicy): Promise<unknown> {
  try {
    return await guardedRequest({ method: 'GET', url, headers: {} }, policy(answers, extra), new AbortController().signal);
  } catch (error) {
    return error;
  }
}

afterEach(() => {
  attempts.length = 0;
});

describe('SSRF guard', () => {
  it.each([
    'http://127.0.0.1/',
    'http://10.0.0.5/',
    'http://192.168.0.1:8080/admin',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.100.100.200/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::]/',
    'http://[fd00:ec2::254]/',
    'http://[fc00::5]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[::7f00:1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:7f00:1::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.0.0.1/',
    'http://127.1/',
    'http://017700000001/',
  ])('refuses the literal address in %s without connecting', async (url) => {
    const error = await attempt(url);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(attempts).toEqual([]);
  });

  it('refuses a name that resolves to a private address', async () => {
    const error = await attempt('http://internal.example.com/', { 'internal.example.com': ['10.0.0.7'] });
    expect((error as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
    expect((error as NodeError).message).toContain('10.0.0.7');
    expect(attempts).toEqual([]);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const error = await attempt('http://mixed.example.com/', { 'mixed.example.com': ['93.184.216.34', '::1'] });
    expect((error as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(attempts).toEqual([]);
  });

  it('refuses metadata addresses even when private networks are allowed', async () => {
    const error = await attempt('http://meta.example.com/', { 'meta.example.com': ['169.254.169.254'] }, { allowPrivateNetworks: true });
    expect((error as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(attempts).toEqual([]);
  });

  it('refuses non-http schemes', async () => {
    expect(((await attempt('file:///etc/passwd')) as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
    expect(((await attempt('ftp://example.com/')) as NodeError).code).toBe(ErrorCode.HTTP_BLOCKED);
  });

  it('lets a public address through to the connection step, pinned to the vetted address', async () => {
    const error = await attempt('http://public.example.com/', { 'public.example.com': ['93.184.216.34'] });
    expect(attempts).toEqual([{ hostname: 'public.example.com', address: '93.184.216.34', port: 80 }]);
    expect(error).toBeInstanceOf(Error);
  });

  it('lets an allow-listed private address through when policy permits it', async () => {
    await attempt('http://db.internal/', { 'db.internal': ['10.0.0.9'] }, { allowList: ['10.0.0.0/8'] });
    expect(attempts.map((target) => target.address)).toEqual(['10.0.0.9']);
  });
});
