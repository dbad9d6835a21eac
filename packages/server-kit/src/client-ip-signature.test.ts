import { describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { routeOf, signCaller, verifyGatewayRequest } from './caller';

const KEY = 'client-ip-test-key-0123456789abcdef0123456789';
const route = routeOf('POST', '/graphql');

describe('forwarded client IP', () => {
  it('is returned when the gateway signed it', () => {
    const headers = signCaller(KEY, route, null, Date.now(), '203.0.113.9');
    expect(verifyGatewayRequest(KEY, route, headers, 30_000)).toEqual({ caller: null, clientIp: '203.0.113.9' });
  });

  it('cannot be swapped, added or stripped without breaking the signature', () => {
    const signed = signCaller(KEY, route, null, Date.now(), '203.0.113.9');
    const swapped = { ...signed, [InternalHeader.clientIp]: '198.51.100.1' };
    const { [InternalHeader.clientIp]: _ip, ...stripped } = signed;
    const added = { ...signCaller(KEY, route, null), [InternalHeader.clientIp]: '198.51.100.1' };
    const emptied = { ...signCaller(KEY, route, null), [InternalHeader.clientIp]: '' };
    for (const headers of [swapped, stripped, added, emptied]) {
      expect(() => verifyGatewayRequest(KEY, route, headers, 30_000)).toThrow(/signature/);
    }
  });

  it('is null when not forwarded', () => {
    expect(verifyGatewayRequest(KEY, route, signCaller(KEY, route, null), 30_000).clientIp).toBeNull();
  });
});
