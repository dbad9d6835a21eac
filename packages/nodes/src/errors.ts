import type { ErrorValue } from './types';

/** Error codes the engine and the catalog produce (mirrored by packages/schema). */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  EXPRESSION_ERROR: 'EXPRESSION_ERROR',
  /** An expression (or template) reached its time, size or memory limit (RunLimits.expression*). */
  EXPRESSION_LIMIT: 'EXPRESSION_LIMIT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  CANCELLED: 'CANCELLED',
  OUTPUT_TOO_LARGE: 'OUTPUT_TOO_LARGE',
  NODE_FAILED: 'NODE_FAILED',
  SETTLE_FAILED: 'SETTLE_FAILED',
  HTTP_BLOCKED: 'HTTP_BLOCKED',
  HTTP_ERROR: 'HTTP_ERROR',
  HTTP_STATUS: 'HTTP_STATUS',
  TOO_MANY_REDIRECTS: 'TOO_MANY_REDIRECTS',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  CODE_ERROR: 'CODE_ERROR',
  CODE_TIMEOUT: 'CODE_TIMEOUT',
  CODE_MEMORY_LIMIT: 'CODE_MEMORY_LIMIT',
  CODE_INVALID_RESULT: 'CODE_INVALID_RESULT',
  /** No credential of that name in the run's workspace. */
  CREDENTIAL_NOT_FOUND: 'CREDENTIAL_NOT_FOUND',
  /** The credential exists but is of a type the node cannot use. */
  CREDENTIAL_WRONG_TYPE: 'CREDENTIAL_WRONG_TYPE',
  /** The credential store could not be reached, or the credential does not decrypt (its key is gone). */
  CREDENTIAL_UNAVAILABLE: 'CREDENTIAL_UNAVAILABLE',
  /** The OAuth2 token endpoint refused the client or answered no token. */
  CREDENTIAL_REJECTED: 'CREDENTIAL_REJECTED',
  /** The process running the node died (out of memory, a native crash, a kill), after the run had already taken a worker down. */
  WORKER_CRASHED: 'WORKER_CRASHED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A node failure as a value: a code plus a message, optionally not worth retrying. */
export class NodeError extends Error {
  override readonly name = 'NodeError';
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? true;
  }

  toValue(): ErrorValue {
    return { code: this.code, message: this.message };
  }
}

/** Normalises anything thrown by a node into a NodeError without losing the original as `cause`. */
export function toNodeError(thrown: unknown): NodeError {
  if (thrown instanceof NodeError) return thrown;
  if (thrown instanceof Error) return new NodeError(ErrorCode.NODE_FAILED, thrown.message, { cause: thrown });
  return new NodeError(ErrorCode.NODE_FAILED, String(thrown), { cause: thrown });
}
