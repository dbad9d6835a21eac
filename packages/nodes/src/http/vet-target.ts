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

function blocked(message: string): NodeError {
  return new NodeError(ErrorCode.HTTP_BLOCKED, message, { retryable: false });
}

async function resolve(hostname: string, policy: HttpPolicy): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = parseAddress(hostname);
  if (literal !== undefined) return [{ address: literal.toString(), family: literal.kind() === 'ipv4' ? 4 : 6 }];
  if (policy.lookup !== undefined) return policy.lookup(hostname);
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/**
 * Decides whether `url` may be fetched and which address to connect to. The URL must already be
 * WHATWG-parsed, which normalises decimal, octal and hex IPv4 forms (`http://2130706433/`).
 * Every resolved address must be public unless the policy permits it: a name that resolves to
 * both a public and a private address is refused rather than gambled on.
 */
export async function vetTarget(url: URL, policy: HttpPolicy, allowList: AllowList): Promise<VettedTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw blocked(`only http and https URLs are allowed, got ${url.protocol}`);
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let answers;
  try {
    answers = await resolve(hostname, policy);
  } catch (error) {
    throw new NodeError(ErrorCode.HTTP_ERROR, `cannot resolve ${hostname}: ${String(error)}`, { cause: error });
  }
  const first = answers[0];
  if (first === undefined) throw new NodeError(ErrorCode.HTTP_ERROR, `${hostname} resolved to no address`);
  for (const { address } of answers) {
    const reason = nonPublicReason(address);
    if (reason === undefined || allowList.permits(hostname, address)) continue;
    if (reason !== 'metadata' && policy.allowPrivateNetworks === true) continue;
    throw blocked(`refusing ${hostname} (${address}): ${reason} address; allow it with the HTTP allow-list`);
  }
  return { hostname, address: first.address, family: first.family };
}
