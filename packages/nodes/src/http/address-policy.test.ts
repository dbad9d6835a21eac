import { describe, expect, it } from 'vitest';
import { AllowList, nonPublicReason } from './address-policy';

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('allows public %s', (address) => {
    expect(nonPublicReason(address)).toBeUndefined();
  });

  it('matches allow-list hostnames, wildcards, IPs and CIDRs', () => {
    const list = new AllowList(['api.internal', '*.corp.example', '127.0.0.1', '10.1.0.0/16', '::ffff:192.168.0.0/112']);
    expect(list.permits('API.internal', '10.9.9.9')).toBe(true);
    expect(list.permits('x.corp.example', '10.9.9.9')).toBe(true);
    expect(list.permits('corp.example', '10.9.9.9')).toBe(false);
    expect(list.permits('a', '127.0.0.1')).toBe(true);
    expect(list.permits('a', '::ffff:127.0.0.1')).toBe(true);
    expect(list.permits('a', '10.1.200.1')).toBe(true);
    expect(list.permits('a', '10.2.0.1')).toBe(false);
    expect(list.permits('a', '192.168.3.4')).toBe(true);
  });
});
