import {
  CredentialErrorCode,
  credentialError,
  isCredentialType,
  secretFieldsOf,
  type CredentialsService,
  type CredentialType,
  type OAuth2Tokens,
  type ResolvedCredential,
  type SecretMask,
} from '@omnitron/nodes';
import { CredentialStoreError, type Caller, type CredentialStoreClient } from '@omnitron/server-kit';

/**
 * The credentials one run may use: those of its workspace, resolved by name through identity's
 * signed route (decrypted there) and kept for the run only. Every secret value joins the run's
 * mask before a node sees it, so nothing stored for the run carries it. Messages name the
 * credential and its type, never a value.
 */
export class RunCredentials implements CredentialsService {
  private readonly resolved = new Map<string, Promise<ResolvedCredential>>();

  constructor(
    private readonly store: CredentialStoreClient | undefined,
    private readonly caller: Caller,
    private readonly mask: SecretMask,
    readonly tokens: Pick<OAuth2Tokens, 'token'>,
  ) {}

  async resolve(name: string, types: readonly CredentialType[], signal: AbortSignal): Promise<ResolvedCredential> {
    let pending = this.resolved.get(name);
    if (!pending) {
      pending = this.fetch(name, signal);
      this.resolved.set(name, pending);
      // A failure is not kept: a retry of the node asks again.
      pending.catch(() => this.resolved.delete(name));
    }
    const credential = await pending;
    if (!types.includes(credential.type)) {
      throw credentialError(CredentialErrorCode.CREDENTIAL_WRONG_TYPE, `Credential "${name}" is of type ${credential.type}; this node needs ${types.join(' or ')}`);
    }
    return credential;
  }

  conceal(values: readonly string[]): void {
    this.mask.add(...values);
  }

  private async fetch(name: string, signal: AbortSignal): Promise<ResolvedCredential> {
    if (!this.store) throw credentialError(CredentialErrorCode.CREDENTIAL_UNAVAILABLE, 'This worker has no credential store (IDENTITY_URL)');
    let body;
    try {
      body = await this.store.resolve(this.caller, name, signal);
    } catch (error) {
      if (!(error instanceof CredentialStoreError)) throw error;
      if (error.reason === 'NOT_FOUND') throw credentialError(CredentialErrorCode.CREDENTIAL_NOT_FOUND, `No credential named "${name}" in this workspace`);
      throw credentialError(CredentialErrorCode.CREDENTIAL_UNAVAILABLE, error.message, true);
    }
    if (!isCredentialType(body.type)) throw credentialError(CredentialErrorCode.CREDENTIAL_WRONG_TYPE, `Credential "${name}" has an unknown type`);
    const credential: ResolvedCredential = { ...body, type: body.type };
    this.mask.add(...secretFieldsOf(credential.type).map((field) => credential.fields[field]));
    return credential;
  }
}
