import { describe, expect, it } from 'vitest';
import { AllowList, nonPublicReason } from './address-policy';
import { plainlyBlockedReason } from './vet-target';

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
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::2', 'ipv4Compatible'],
    ['::ffff:0:7f00:1', 'rfc6145'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['4000::1', 'reserved'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows public %s', (address) => {
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

  it.each([
    ['http://127.0.0.1:11434/v1', 'loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'loopback address'],
    ['http://[::ffff:7f00:1]/', 'loopback address'],
    ['http://[::127.0.0.1]/', 'ipv4Compatible address'],
    ['http://0.0.0.0:8080/', 'unspecified address'],
    ['http://0/', 'unspecified address'],
    ['http://169.254.169.254/latest/', 'metadata address'],
    ['http://2130706433/', 'loopback address'],
    ['http://localhost:3000/', 'loopback address'],
    ['http://api.localhost/', 'loopback address'],
    ['file:///etc/passwd', 'file scheme'],
  ])('sees %s as plainly blocked (%s) without DNS', (url, reason) => {
    expect(plainlyBlockedReason(new URL(url), {})).toBe(reason);
  });

  it('leaves names to connection time and honours the allow list and private-network switch', () => {
    expect(plainlyBlockedReason(new URL('https://api.openai.com/v1'), {})).toBeUndefined();
    expect(plainlyBlockedReason(new URL('http://8.8.8.8/'), {})).toBeUndefined();
    expect(plainlyBlockedReason(new URL('http://127.0.0.1:11434/v1'), { allowList: ['127.0.0.1'] })).toBeUndefined();
    expect(plainlyBlockedReason(new URL('http://localhost:11434/v1'), { allowList: ['localhost'] })).toBeUndefined();
    expect(plainlyBlockedReason(new URL('http://10.0.0.5/'), { allowPrivateNetworks: true })).toBeUndefined();
    expect(plainlyBlockedReason(new URL('http://169.254.169.254/'), { allowPrivateNetworks: true })).toBe('metadata address');
  });
});
