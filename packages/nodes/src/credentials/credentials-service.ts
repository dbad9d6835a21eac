import type { CredentialType, ResolvedCredential } from './credential-types';
import type { OAuth2Tokens } from './oauth2-tokens';

/**
 * The credentials of the run's workspace, supplied by the worker (resolved through the owning
 * subgraph). Fails with CREDENTIAL_NOT_FOUND / CREDENTIAL_WRONG_TYPE / CREDENTIAL_UNAVAILABLE.
 */
export interface CredentialsService {
  /** The credential named `name`, which must be one of `types`; its secret values join the run's mask. */
  resolve(name: string, types: readonly CredentialType[], signal: AbortSignal): Promise<ResolvedCredential>;
  /** Values derived from a credential (tokens, encoded forms) that must be masked in the run's data too. */
  conceal(values: readonly string[]): void;
  /** OAuth2 tokens, cached per credential until expiry, shared by the worker's runs. */
  readonly tokens: Pick<OAuth2Tokens, 'token'>;
}
