/** How one attempt at one provider ended. Stored on every `AiCallAttempt`. */
export const AttemptOutcome = {
  SUCCEEDED: 'SUCCEEDED',
  TIMEOUT: 'TIMEOUT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVER_ERROR: 'SERVER_ERROR',
  CLIENT_ERROR: 'CLIENT_ERROR',
  NETWORK_ERROR: 'NETWORK_ERROR',
  MALFORMED_RESPONSE: 'MALFORMED_RESPONSE',
  REFUSED: 'REFUSED',
  ABORTED: 'ABORTED',
} as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];

/**
 * A failed provider attempt. `errorCode` is short and safe to store and show (`HTTP_503`,
 * `TIMEOUT`, `REFUSAL`...): provider bodies are never copied into it, since they may echo keys.
 */
export class ProviderCallError extends Error {
  constructor(
    readonly outcome: Exclude<AttemptOutcome, 'SUCCEEDED'>,
    readonly errorCode: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${outcome}: ${errorCode}`);
    this.name = 'ProviderCallError';
  }

  /** Failures that say something about the provider's health (not about the prompt or a 429). */
  get countsAgainstCircuit(): boolean {
    return this.outcome !== AttemptOutcome.REFUSED && this.outcome !== AttemptOutcome.RATE_LIMITED && this.outcome !== AttemptOutcome.ABORTED;
  }
}

export const malformed = (what: string): ProviderCallError => new ProviderCallError(AttemptOutcome.MALFORMED_RESPONSE, what);
export const refused = (reason: string): ProviderCallError => new ProviderCallError(AttemptOutcome.REFUSED, `REFUSAL_${reason.toUpperCase()}`);
