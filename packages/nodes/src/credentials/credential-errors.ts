import { NodeError } from '../errors';

/** Node failure codes of credentials; messages name the credential, never a value of it. */
export const CredentialErrorCode = {
  /** No credential of that name in the run's workspace. */
  CREDENTIAL_NOT_FOUND: 'CREDENTIAL_NOT_FOUND',
  /** The credential exists but is of a type the node cannot use. */
  CREDENTIAL_WRONG_TYPE: 'CREDENTIAL_WRONG_TYPE',
  /** The store could not be reached, or the credential does not decrypt (its key is gone). */
  CREDENTIAL_UNAVAILABLE: 'CREDENTIAL_UNAVAILABLE',
  /** The OAuth2 token endpoint refused the client or answered no token. */
  CREDENTIAL_REJECTED: 'CREDENTIAL_REJECTED',
} as const;
export type CredentialErrorCode = (typeof CredentialErrorCode)[keyof typeof CredentialErrorCode];

export function credentialError(code: CredentialErrorCode, message: string, retryable = false): NodeError {
  return new NodeError(code, message, { retryable });
}
