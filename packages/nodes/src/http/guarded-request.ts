import { ErrorCode, NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { OutboundClient, type OutboundRequest } from './outbound-client';
import { readLimited } from './read-limited';

export type GuardedRequest = OutboundRequest;

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The final URL after redirects. */
  url: string;
}

const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/**
 * One http.request call through the outbound address policy (see OutboundClient), its whole body
 * read under a size limit. A node's request shares no connections with any other.
 */
export async function guardedRequest(initial: GuardedRequest, policy: HttpPolicy, signal: AbortSignal): Promise<GuardedResponse> {
  const client = new OutboundClient(policy);
  try {
    const response = await client.request(initial, signal);
    const limit = policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const body = await readLimited(response.body, limit);
    if (body === null) throw new NodeError(ErrorCode.RESPONSE_TOO_LARGE, `response body exceeds ${limit} bytes`, { retryable: false });
    return { status: response.status, headers: response.headers, body, url: response.url };
  } finally {
    await client.close();
  }
}
