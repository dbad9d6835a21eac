import { OAuth2Tokens, outboundPolicyOf, type EngineServices, type HttpPolicy, type SecretMask } from '@omnitron/nodes';
import type { Caller, CredentialStoreClient } from '@omnitron/server-kit';
import { IntelligenceClient } from '../clients/intelligence-client';
import { RunCredentials } from '../worker/run-credentials';

/**
 * The outside world of an ephemeral run: the workspace's credentials and, with INTELLIGENCE_URL,
 * AI, for the HTTP and AI nodes a flow that allows effects may run in process. No subflows and no
 * databases: a flow with those nodes never runs ephemeral (`ephemeralRefusal`).
 */
export class EphemeralServices {
  readonly http: HttpPolicy;
  private readonly store: CredentialStoreClient;
  /** Shared by every ephemeral run of this process, per credential, until they expire. */
  private readonly tokens: OAuth2Tokens;
  private readonly intelligence: IntelligenceClient | undefined;

  /** `store` is the runtime's: identity's credential routes, in process when identity runs beside this role. */
  constructor(settings: { INTELLIGENCE_URL?: string | undefined } & Parameters<typeof outboundPolicyOf>[0], signingKey: string, store: CredentialStoreClient) {
    this.http = outboundPolicyOf(settings);
    this.store = store;
    this.tokens = new OAuth2Tokens(this.http);
    this.intelligence = settings.INTELLIGENCE_URL ? new IntelligenceClient(settings.INTELLIGENCE_URL, signingKey) : undefined;
  }

  /** Services for one run acting as `caller`; every credential value it resolves joins `mask`. */
  forRun(caller: Caller, mask: SecretMask): EngineServices {
    const intelligence = this.intelligence;
    return {
      credentials: new RunCredentials(this.store, caller, mask, this.tokens),
      ...(intelligence ? { ai: { generate: (request, signal) => intelligence.generate(caller, request, signal) } } : {}),
    };
  }

  async close(): Promise<void> {
    await this.tokens.close();
  }
}
