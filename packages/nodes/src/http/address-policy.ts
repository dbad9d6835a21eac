import ipaddr from 'ipaddr.js';

/** Cloud metadata endpoints: refused even with `allowPrivateNetworks`, unless explicitly allow-listed. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

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
 * `uniqueLocal`, `unspecified`, `metadata`, …), or `undefined` when it is plain public unicast.
 * Everything that is not `unicast` is refused: that also covers NAT64, 6to4 and Teredo forms that
 * embed an IPv4 address, multicast and reserved ranges.
 */
export function nonPublicReason(address: string): string | undefined {
  const parsed = parseAddress(address);
  if (parsed === undefined) return 'not an IP address';
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) {
    return 'metadata';
  }
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** Hostnames (`*.corp.example` wildcards), IPs and CIDRs allowed to reach non-public addresses. */
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
