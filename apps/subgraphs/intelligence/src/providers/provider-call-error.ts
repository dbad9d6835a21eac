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
  /** The platform's address policy refused the provider's URL (or a redirect): nothing was sent. */
  BLOCKED: 'BLOCKED',
  ABORTED: 'ABORTED',
} as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];

const NOT_ABOUT_HEALTH = new Set<AttemptOutcome>([AttemptOutcome.REFUSED, AttemptOutcome.RATE_LIMITED, AttemptOutcome.ABORTED, AttemptOutcome.BLOCKED]);

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

  /** Failures that say something about the provider's health (not about the prompt, a 429 or the address policy). */
  get countsAgainstCircuit(): boolean {
    return !NOT_ABOUT_HEALTH.has(this.outcome);
  }
}

export const malformed = (what: string): ProviderCallError => new ProviderCallError(AttemptOutcome.MALFORMED_RESPONSE, what);
export const refused = (reason: string): ProviderCallError => new ProviderCallError(AttemptOutcome.REFUSED, `REFUSAL_${reason.toUpperCase()}`);
