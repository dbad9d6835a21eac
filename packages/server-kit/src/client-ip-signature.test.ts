import { describe, expect, it } from 'vitest';
import { InternalHeader } from '@omnitron/schema';
import { signCaller, verifyGatewayRequest } from './caller';

const KEY = 'client-ip-test-key-0123456789abcdef0123456789';

describe('forwarded client IP', () => {
  it('is returned when the gateway signed it', () => {
    const headers = signCaller(KEY, null, Date.now(), '203.0.113.9');
    expect(verifyGatewayRequest(KEY, headers, 30_000)).toEqual({ caller: null, clientIp: '203.0.113.9' });
  });

  it('cannot be swapped, added or stripped without breaking the signature', () => {
    const signed = signCaller(KEY, null, Date.now(), '203.0.113.9');
    const swapped = { ...signed, [InternalHeader.clientIp]: '198.51.100.1' };
    const { [InternalHeader.clientIp]: _ip, ...stripped } = signed;
    const added = { ...signCaller(KEY, null), [InternalHeader.clientIp]: '198.51.100.1' };
    for (const headers of [swapped, stripped, added]) {
      expect(() => verifyGatewayRequest(KEY, headers, 30_000)).toThrow(/signature/);
    }
  });

  it('is null when not forwarded', () => {
    expect(verifyGatewayRequest(KEY, signCaller(KEY, null), 30_000).clientIp).toBeNull();
  });
});
