import { Agent, buildConnector, request } from 'undici';
import { ErrorCode, NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { AllowList } from './address-policy';
import { vetTarget, type VettedTarget } from './vet-target';

export interface GuardedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The final URL after redirects. */
  url: string;
}

const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * An agent whose every socket goes to the vetted address, whatever DNS says by then:
 * a rebinding answer after the check cannot redirect the connection.
 */
function pinnedAgent(target: VettedTarget, policy: HttpPolicy): Agent {
  const connector = buildConnector({});
  const servername = target.hostname === target.address ? undefined : target.hostname;
  return new Agent({
    connect(options, callback) {
      try {
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        policy.beforeConnect?.({ hostname: target.hostname, address: target.address, port });
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)), null);
        return;
      }
      connector({ ...options, hostname: target.address, servername: options.servername ?? servername }, callback);
    },
  });
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(): unknown }, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new NodeError(ErrorCode.RESPONSE_TOO_LARGE, `response body exceeds ${limit} bytes`, { retryable: false });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The next request after a redirect: 303 (and 301/302 after POST) become a body-less GET. */
function followRedirect(current: GuardedRequest, status: number, location: string): GuardedRequest {
  const from = new URL(current.url);
  const to = new URL(location, from);
  const toGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  const headers = { ...current.headers };
  if (to.origin !== from.origin) {
    for (const name of Object.keys(headers)) {
      if (/^(authorization|cookie|proxy-authorization)$/i.test(name)) delete headers[name];
    }
  }
  if (!toGet) return { ...current, url: to.toString(), headers };
  for (const name of Object.keys(headers)) if (/^content-(type|length)$/i.test(name)) delete headers[name];
  return { method: 'GET', url: to.toString(), headers };
}

/** HTTP with the SSRF guard on every hop, manual redirects and a streamed size limit. */
export async function guardedRequest(
  initial: GuardedRequest,
  policy: HttpPolicy,
  signal: AbortSignal,
): Promise<GuardedResponse> {
  const allowList = new AllowList(policy.allowList);
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = initial;
  for (let hop = 0; ; hop++) {
    const url = parseUrl(current.url);
    const agent = pinnedAgent(await vetTarget(url, policy, allowList), policy);
    try {
      const response = await request(url, {
        method: current.method,
        headers: current.headers,
        body: current.body ?? null,
        dispatcher: agent,
        signal,
      });
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        await response.body.dump();
        if (hop >= maxRedirects) {
          throw new NodeError(ErrorCode.TOO_MANY_REDIRECTS, `more than ${maxRedirects} redirects`, { retryable: false });
        }
        current = followRedirect(current, response.statusCode, location);
        continue;
      }
      const body = await readLimited(response.body, policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      return { status: response.statusCode, headers: stringHeaders(response.headers), body, url: url.toString() };
    } finally {
      await agent.destroy();
    }
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch (error) {
    throw new NodeError(ErrorCode.HTTP_ERROR, `invalid URL "${text}"`, { cause: error, retryable: false });
  }
}

function stringHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}
