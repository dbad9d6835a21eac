import { ErrorCode, NodeError, type OutboundResponse } from '@omnitron/nodes';
import type { ProviderEndpoint } from './provider-adapter';
import { AttemptOutcome, ProviderCallError, malformed } from './provider-call-error';

type ResponseHeaders = OutboundResponse['headers'];

/** Headers the adapters put provider keys in, besides `authorization`: dropped on a redirect to another origin. */
const KEY_HEADERS = ['x-api-key', 'x-goog-api-key'];

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Milliseconds from `retry-after-ms`, `retry-after` seconds, or a `retry-after` HTTP date. */
export function retryAfterMsOf(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (header(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = header(headers, 'retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function errorForStatus(response: OutboundResponse): ProviderCallError {
  const { status } = response;
  if (status === 429) return new ProviderCallError(AttemptOutcome.RATE_LIMITED, 'HTTP_429', retryAfterMsOf(response.headers));
  if (status >= 500) return new ProviderCallError(AttemptOutcome.SERVER_ERROR, `HTTP_${status}`);
  return new ProviderCallError(AttemptOutcome.CLIENT_ERROR, `HTTP_${status}`);
}

/** Turns whatever the request, the address policy or a body read threw into an attempt outcome. */
export function errorFromThrown(error: unknown, signal: AbortSignal): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (error instanceof NodeError && error.code === ErrorCode.HTTP_BLOCKED) return new ProviderCallError(AttemptOutcome.BLOCKED, 'ADDRESS_BLOCKED');
  if (error instanceof NodeError && error.code === ErrorCode.TOO_MANY_REDIRECTS) return new ProviderCallError(AttemptOutcome.CLIENT_ERROR, 'TOO_MANY_REDIRECTS');
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError'
      ? new ProviderCallError(AttemptOutcome.TIMEOUT, 'TIMEOUT')
      : new ProviderCallError(AttemptOutcome.ABORTED, 'ABORTED');
  }
  return new ProviderCallError(AttemptOutcome.NETWORK_ERROR, 'NETWORK_ERROR');
}

/**
 * POSTs JSON to `url` (under the endpoint's base URL) through the endpoint's outbound client;
 * answers the response when it is 2xx, else throws the classified failure. A URL the address
 * policy refuses fails as BLOCKED without a connection being opened.
 */
export async function postJson(endpoint: ProviderEndpoint, url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<OutboundResponse> {
  let response: OutboundResponse;
  try {
    response = await endpoint.outbound.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
      credentialHeaders: KEY_HEADERS,
    }, signal);
  } catch (error) {
    throw errorFromThrown(error, signal);
  }
  if (response.status < 200 || response.status > 299) {
    // Not read: an error body may echo the key. Destroying reports an abort, which nobody awaits.
    response.body.on('error', () => undefined).destroy();
    throw errorForStatus(response);
  }
  return response;
}

/** Reads a JSON body; a body that is not JSON is MALFORMED_RESPONSE. */
export async function readJson(response: OutboundResponse, signal: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw errorFromThrown(error, signal);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw malformed('BODY_NOT_JSON');
  }
}

/** A timeout signal that also follows the caller's signal. */
export function attemptSignal(timeoutMs: number, caller?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return caller ? AbortSignal.any([caller, timeout]) : timeout;
}

/**
 * Runs `run` with a signal that aborts after `timeoutMs` (reason: TimeoutError) or when `caller`
 * aborts. Unlike `AbortSignal.timeout`, the timer is cleared as soon as the attempt settles, so a
 * busy router does not keep one live timer per finished call.
 */
export async function withDeadline<T>(timeoutMs: number, caller: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The provider did not answer in time', 'TimeoutError')), timeoutMs);
  const follow = () => controller.abort(caller?.reason);
  if (caller?.aborted) follow();
  else caller?.addEventListener('abort', follow, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', follow);
  }
}
