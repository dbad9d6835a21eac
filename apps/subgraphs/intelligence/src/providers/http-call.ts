import { AttemptOutcome, ProviderCallError, malformed } from './provider-call-error';

/** Milliseconds from `retry-after-ms`, `retry-after` seconds, or a `retry-after` HTTP date. */
export function retryAfterMsOf(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function errorForStatus(response: Response): ProviderCallError {
  const { status } = response;
  if (status === 429) return new ProviderCallError(AttemptOutcome.RATE_LIMITED, 'HTTP_429', retryAfterMsOf(response.headers));
  if (status >= 500) return new ProviderCallError(AttemptOutcome.SERVER_ERROR, `HTTP_${status}`);
  return new ProviderCallError(AttemptOutcome.CLIENT_ERROR, `HTTP_${status}`);
}

/** Turns whatever fetch or a body read threw into an attempt outcome. */
export function errorFromThrown(error: unknown, signal: AbortSignal): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError'
      ? new ProviderCallError(AttemptOutcome.TIMEOUT, 'TIMEOUT')
      : new ProviderCallError(AttemptOutcome.ABORTED, 'ABORTED');
  }
  return new ProviderCallError(AttemptOutcome.NETWORK_ERROR, 'NETWORK_ERROR');
}

/** POSTs JSON; answers the response when it is 2xx, else throws the classified failure. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw errorFromThrown(error, signal);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw errorForStatus(response);
  }
  return response;
}

/** Reads a JSON body; a body that is not JSON is MALFORMED_RESPONSE. */
export async function readJson(response: Response, signal: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
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
