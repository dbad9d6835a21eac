import ipaddr from 'ipaddr.js';

/**
 * Cloud metadata endpoints (AWS, ECS task credentials, Alibaba, AWS over IPv6): refused even with
 * `allowPrivateNetworks`, unless explicitly allow-listed, since they hand out the host's credentials.
 */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

/** IPv6 global unicast (RFC 4291): every address outside it is local, special, reserved or embeds IPv4. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** NAT64 well-known prefix (RFC 6052): the gateway connects to the IPv4 in the last 32 bits. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses an IP literal, unwrapping IPv4-mapped IPv6 (`::ffff:127.0.0.1`) to the IPv4 it reaches. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.parse(bare);
  return unmap(parsed);
}

/**
 * Why an address is not a public destination (`loopback`, `private`, `linkLocal`, `carrierGradeNat`,
 * `uniqueLocal`, `unspecified`, `multicast`, `reserved`, `metadata`, …), or `undefined` when it is
 * plain public unicast. IPv4-mapped (`::ffff:7f00:1`) and NAT64 (`64:ff9b::7f00:1`) forms are judged
 * by the IPv4 address they reach; IPv4-compatible (`::7f00:1`), IPv4-translated, 6to4, Teredo and
 * every other IPv6 address outside global unicast are refused.
 */
export function nonPublicReason(address: string): string | undefined {
  const parsed = parseAddress(address);
  return parsed === undefined ? 'not an IP address' : reasonOf(parsed);
}

function reasonOf(parsed: ParsedAddress): string | undefined {
  if (METADATA_ADDRESSES.has(parsed.toString())) return 'metadata';
  if (parsed instanceof ipaddr.IPv4) {
    const range = parsed.range();
    return range === 'unicast' ? undefined : range;
  }
  if (parsed.match(NAT64)) return reasonOf(embeddedIPv4(parsed));
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed.parts.slice(0, 6).every((part) => part === 0)) return 'ipv4Compatible';
  return parsed.match(GLOBAL_UNICAST) ? undefined : 'reserved';
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const [high, low] = address.parts.slice(6) as [number, number];
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * Hostnames (`api.internal`, `*.corp.example` wildcards), IPs and CIDRs (`10.1.0.0/16`) that may be
 * reached although they are not public. A hostname entry permits whatever that name resolves to;
 * an IP or CIDR entry permits that address under any name.
 */
export class AllowList {
  private readonly hostnames = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly ranges: [ParsedAddress, number][] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) this.add(raw.trim().toLowerCase());
  }

  permits(hostname: string, address: string): boolean {
    const host = hostname.toLowerCase();
    if (this.hostnames.has(host) || this.suffixes.some((suffix) => host.endsWith(suffix))) return true;
    const parsed = parseAddress(address);
    if (parsed === undefined) return false;
    return this.ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits));
  }

  private add(entry: string): void {
    if (entry.startsWith('*.')) {
      this.suffixes.push(entry.slice(1));
    } else if (entry.includes('/')) {
      const [base, bits] = ipaddr.parseCIDR(entry);
      this.ranges.push([unmap(base), unmapBits(base, bits)]);
    } else {
      const parsed = parseAddress(entry);
      if (parsed === undefined) this.hostnames.add(entry);
      else this.ranges.push([parsed, parsed.kind() === 'ipv4' ? 32 : 128]);
    }
  }
}

function unmap(address: ParsedAddress): ParsedAddress {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

function unmapBits(address: ParsedAddress, bits: number): number {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? Math.max(0, bits - 96) : bits;
}
