import type * as Undici from 'undici';
import type { Agent, Dispatcher } from 'undici';
import { ErrorCode, NodeError } from '../errors';
import type { HttpPolicy } from '../types';
import { AllowList } from './address-policy';
import { assertHttpScheme } from './vet-target';
import { vettingConnector } from './vetting-connector';

export interface OutboundRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /**
   * Headers that carry credentials (`x-api-key`), dropped when a redirect leaves the origin, like
   * `authorization`, `proxy-authorization` and `cookie` always are. @default []
   */
  readonly credentialHeaders?: readonly string[];
}

export interface OutboundResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  /** The final URL after redirects. */
  readonly url: string;
  /** Streamed as it arrives; the caller reads it to the end or destroys it. */
  readonly body: Dispatcher.ResponseData['body'];
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * undici, loaded by the first request: a process that never calls out (a worker running flows
 * without HTTP nodes, the api without AI providers) does not hold its ~100 modules in memory.
 */
let undici: Promise<typeof Undici> | undefined;
const loadUndici = () => (undici ??= import('undici'));

/**
 * The one way the platform calls a URL on a user's behalf (http.request nodes, AI providers):
 * http(s) only, every connection vetted against the address policy and pinned to the address it
 * was vetted for, redirects followed by hand (each hop's host vetted again, at most
 * `policy.maxRedirects`). Keeps connections alive per origin until `close()`.
 */
export class OutboundClient {
  private agent?: Promise<Agent>;
  private readonly allowList: AllowList;
  private readonly maxRedirects: number;

  constructor(private readonly policy: HttpPolicy = {}) {
    this.allowList = new AllowList(policy.allowList);
    this.maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  }

  /** The connection pool, made (with undici loaded) by the first request. */
  private dispatcher(): Promise<Agent> {
    return (this.agent ??= loadUndici().then(({ Agent, buildConnector }) => {
      return new Agent({ connect: vettingConnector(this.policy, this.allowList, buildConnector({})) });
    }));
  }

  /** The final response, body unread. Fails with HTTP_BLOCKED, TOO_MANY_REDIRECTS or HTTP_ERROR (a bad URL). */
  async request(initial: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
    let current = initial;
    for (let hop = 0; ; hop++) {
      const url = parseUrl(current.url);
      assertHttpScheme(url);
      const [{ request }, dispatcher] = await Promise.all([loadUndici(), this.dispatcher()]);
      const response = await request(url, {
        method: current.method as Dispatcher.HttpMethod,
        headers: current.headers,
        body: current.body ?? null,
        dispatcher,
        signal,
      });
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string') {
        return { status: response.statusCode, headers: stringHeaders(response.headers), url: url.toString(), body: response.body };
      }
      await response.body.dump();
      if (hop >= this.maxRedirects) {
        throw new NodeError(ErrorCode.TOO_MANY_REDIRECTS, `more than ${this.maxRedirects} redirects`, { retryable: false });
      }
      current = redirected(current, response.statusCode, location);
    }
  }

  /** Ends every connection, idle or in flight. */
  async close(): Promise<void> {
    if (this.agent) await (await this.agent).destroy();
  }
}

/** The next request after a redirect: 303 (and 301/302 after POST) become a body-less GET. */
function redirected(current: OutboundRequest, status: number, location: string): OutboundRequest {
  const from = new URL(current.url);
  const to = parseUrl(location, from);
  const toGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  const headers = { ...current.headers };
  if (to.origin !== from.origin) {
    const secret = new Set([...ALWAYS_CREDENTIALS, ...(current.credentialHeaders ?? [])].map((name) => name.toLowerCase()));
    for (const name of Object.keys(headers)) if (secret.has(name.toLowerCase())) delete headers[name];
  }
  if (!toGet) return { ...current, url: to.toString(), headers };
  for (const name of Object.keys(headers)) if (/^content-(type|length)$/i.test(name)) delete headers[name];
  const { body: _dropped, ...rest } = current;
  return { ...rest, method: 'GET', url: to.toString(), headers };
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch (error) {
    throw new NodeError(ErrorCode.HTTP_ERROR, `invalid URL "${text}"`, { cause: error, retryable: false });
  }
}

function stringHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}
