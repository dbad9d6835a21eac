import { lookup as dnsLookup } from 'node:dns/promises';
import { ErrorCode, NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { AllowList, nonPublicReason, parseAddress } from './address-policy';

export interface VettedTarget {
  hostname: string;
  /** The address the connection is pinned to. */
  address: string;
  family: 4 | 6;
}

export function blocked(message: string): NodeError {
  return new NodeError(ErrorCode.HTTP_BLOCKED, message, { retryable: false });
}

/** `[::1]` (as URLs and undici spell an IPv6 host) -> `::1`. */
function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** RFC 6761: `localhost` and `*.localhost` always mean this machine, whatever a resolver says. */
function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost');
}

async function resolve(hostname: string, policy: HttpPolicy): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = parseAddress(hostname);
  if (literal !== undefined) return [{ address: literal.toString(), family: literal.kind() === 'ipv4' ? 4 : 6 }];
  if (policy.lookup !== undefined) return policy.lookup(hostname);
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** The reason `address` (reached as `hostname`) is refused under `policy`, or undefined when it may be dialled. */
function refusal(hostname: string, address: string, policy: HttpPolicy, allowList: AllowList): string | undefined {
  const reason = nonPublicReason(address);
  if (reason === undefined || allowList.permits(hostname, address)) return undefined;
  if (reason !== 'metadata' && policy.allowPrivateNetworks === true) return undefined;
  return reason;
}

/**
 * Resolves `hostname` once and decides which address to connect to. Every resolved address must be
 * public unless the policy permits it: a name that resolves to both a public and a private address
 * is refused rather than gambled on. Hosts come from WHATWG-parsed URLs, which normalise decimal,
 * octal and hex IPv4 forms (`http://2130706433/`) to dotted quads.
 */
export async function vetHost(rawHostname: string, policy: HttpPolicy, allowList: AllowList): Promise<VettedTarget> {
  const hostname = bareHost(rawHostname);
  let answers;
  try {
    answers = await resolve(hostname, policy);
  } catch (error) {
    throw new NodeError(ErrorCode.HTTP_ERROR, `cannot resolve ${hostname}: ${String(error)}`, { cause: error });
  }
  const first = answers[0];
  if (first === undefined) throw new NodeError(ErrorCode.HTTP_ERROR, `${hostname} resolved to no address`);
  for (const { address } of answers) {
    const reason = refusal(hostname, address, policy, allowList);
    if (reason !== undefined) {
      throw blocked(`refusing ${hostname} (${address}): ${reason} address; allow it with the HTTP allow-list`);
    }
  }
  return { hostname, address: first.address, family: first.family };
}

/** Only http and https leave the platform on a user's behalf. */
export function assertHttpScheme(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw blocked(`only http and https URLs are allowed, got ${url.protocol}`);
  }
}

/**
 * Why `url` is refused without asking DNS (a scheme other than http(s), an IP literal or a
 * `localhost` name the policy does not permit), or undefined when only connecting can tell.
 * For checks at save time; every connection is still vetted by `vetHost`.
 */
export function plainlyBlockedReason(url: URL, policy: HttpPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol.replace(/:$/, '')} scheme`;
  const hostname = bareHost(url.hostname);
  const allowList = new AllowList(policy.allowList);
  if (isLocalhostName(hostname)) {
    const reason = refusal(hostname, '127.0.0.1', policy, allowList);
    return reason === undefined ? undefined : `${reason} address`;
  }
  const literal = parseAddress(hostname);
  if (literal === undefined) return undefined;
  const reason = refusal(hostname, literal.toString(), policy, allowList);
  return reason === undefined ? undefined : `${reason} address`;
}
