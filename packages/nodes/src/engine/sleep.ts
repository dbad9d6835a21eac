import { ErrorCode, NodeError } from '../errors';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The signal's reason as a NodeError (CANCELLED unless the aborter said otherwise). */
export function abortReason(signal: AbortSignal): NodeError {
  const reason: unknown = signal.reason;
  if (reason instanceof NodeError) return reason;
  return new NodeError(ErrorCode.CANCELLED, 'cancelled', { cause: reason, retryable: false });
}
