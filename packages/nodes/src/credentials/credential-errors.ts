import { ErrorCode, NodeError } from '../errors';

/** Node failure codes of credentials (from the catalog's ErrorCode); messages name the credential, never a value of it. */
export const CredentialErrorCode = {
  CREDENTIAL_NOT_FOUND: ErrorCode.CREDENTIAL_NOT_FOUND,
  CREDENTIAL_WRONG_TYPE: ErrorCode.CREDENTIAL_WRONG_TYPE,
  CREDENTIAL_UNAVAILABLE: ErrorCode.CREDENTIAL_UNAVAILABLE,
  CREDENTIAL_REJECTED: ErrorCode.CREDENTIAL_REJECTED,
} as const;
export type CredentialErrorCode = (typeof CredentialErrorCode)[keyof typeof CredentialErrorCode];

export function credentialError(code: CredentialErrorCode, message: string, retryable = false): NodeError {
  return new NodeError(code, message, { retryable });
}
