import { GraphQLError } from 'graphql';

/**
 * The one list of error codes every Omnitron API answers with (`extensions.code`).
 * Clients branch on these; messages are for humans and never carry internals.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const codes = new Set<string>(Object.values(ErrorCode));
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && codes.has(value);
}

/** HTTP status that goes with a code when the error ends a whole request (not a field). */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

/** Extra, code-specific details (per-node problems, retry-after, current version, ...). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** An error as a value with a code. Throw it from any resolver; the formatter keeps code and details. */
export class OmnitronError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message, { extensions: { code, ...details } });
    this.name = 'OmnitronError';
    this.code = code;
  }
}

export const notFound = (what: string): OmnitronError => new OmnitronError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (why = 'You do not have permission to do this'): OmnitronError =>
  new OmnitronError(ErrorCode.FORBIDDEN, why);
export const unauthenticated = (why = 'Sign in first'): OmnitronError => new OmnitronError(ErrorCode.UNAUTHENTICATED, why);
