import { createHash, randomUUID } from 'node:crypto';
import { ErrorCode, OmnitronError, unauthenticated } from '@omnitron/schema';
import { AccessTokenVerifier, type VerifiedAccessToken } from './access-tokens';
import {
  ACCESS_TOKEN,
  API_KEY_PREFIX,
  API_KEY_VERIFY_PATH,
  REVOCATION_MEMORY_MS,
  apiKeyVerifyRequestSchema,
  apiKeyVerifyResponseSchema,
  type RevocationEvent,
} from './auth-contract';
import type { Caller } from './caller';
import { currentRequestId } from './http/request-context';
import type { InternalAnswer, InternalRoutes } from './http/internal-routes';

/** Who a credential belongs to, and until when that answer holds. */
export interface Authentication {
  /** null = anonymous (no credential presented). */
  readonly caller: Caller | null;
  /** Access tokens: their expiry (ms since epoch). API keys and anonymous: null (valid until revoked). */
  readonly expiresAt: number | null;
}

export interface CredentialVerifierOptions {
  /** Ed25519 public key (PEM) of the identity subgraph. */
  readonly jwtPublicKey: string;
  /**
   * The identity subgraph's internal routes: signed HTTP (`signedInternalRoutes(IDENTITY_URL, key)`),
   * or in process when identity runs in this process (its `LocalSubgraph.routes`).
   */
  readonly identity: InternalRoutes;
  /** How long a verified API key is trusted without asking identity again. @default 30_000 */
  readonly apiKeyCacheTtlMs?: number;
  /** How long an unknown API key is remembered as unknown. @default 5_000 */
  readonly negativeCacheTtlMs?: number;
  /** Most API keys cached at once. @default 10_000 */
  readonly maxCachedKeys?: number;
  /** Most verified access tokens remembered (their signature is not re-checked). @default 10_000 */
  readonly maxCachedTokens?: number;
  /** @default 5_000 */
  readonly identityTimeoutMs?: number;
}

interface CachedGrant {
  readonly caller: Caller | null;
  readonly until: number;
}

/** Not the key's fault: say so rather than call a good key invalid. */
const identityUnavailable = () => new OmnitronError(ErrorCode.INTERNAL, 'API keys cannot be checked right now; try again shortly');

const ANONYMOUS: Authentication = { caller: null, expiresAt: null };
const TOKEN_LIFETIME_MS = ACCESS_TOKEN.ttlSeconds * 1000;

/**
 * The gateway's credential check. Access tokens (JWT) are verified locally; API keys (`omk_...`)
 * by the identity subgraph's internal route (signed HTTP, or in process beside it), then cached briefly. Revocation events
 * (from Redis pub/sub, see `applyRevocation`) take effect at once: cached grants are dropped and
 * tokens of ended sessions or changed memberships are refused.
 */
export class CredentialVerifier {
  private readonly grants = new Map<string, CachedGrant>();
  /** Tokens whose signature already checked out: a client repeats its token on every request. */
  private readonly verifiedTokens = new Map<string, VerifiedAccessToken>();
  private readonly inFlight = new Map<string, Promise<Caller | null>>();
  /** session id -> when its last access token expires */
  private readonly endedSessions = new Map<string, number>();
  /**
   * `${userId}:${workspaceId}` -> the generation its membership last changed to (tokens with a
   * lower `gen` are refused) and until when that matters (no token issued before outlives it).
   */
  private readonly membershipChanges = new Map<string, { readonly generation: number; readonly until: number }>();
  /** Bumped by each revocation, so an answer that raced a revocation is used once but not cached. */
  private revocations = 0;

  private constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly options: CredentialVerifierOptions,
  ) {}

  static async create(options: CredentialVerifierOptions): Promise<CredentialVerifier> {
    return new CredentialVerifier(await AccessTokenVerifier.fromPem(options.jwtPublicKey), options);
  }

  /** Throws UNAUTHENTICATED for an invalid, expired or revoked credential. */
  async authenticate(credential: string | undefined): Promise<Authentication> {
    if (credential === undefined || credential === '') return ANONYMOUS;
    if (credential.startsWith(API_KEY_PREFIX)) {
      const caller = await this.verifyApiKey(credential);
      if (!caller) throw unauthenticated('Invalid or revoked API key');
      return { caller, expiresAt: null };
    }
    const { caller, claims, expiresAt } = await this.verifyToken(credential);
    if (this.endedSessions.has(claims.sid)) throw unauthenticated('Session ended');
    // Generations, not times: a token issued in the same instant as a change (even after it, from
    // a membership row read before it) still carries the old generation and is refused.
    const change = this.membershipChanges.get(`${claims.sub}:${claims.wid}`);
    if (change && claims.gen < change.generation) throw unauthenticated('Workspace access changed; refresh the session');
    return { caller, expiresAt };
  }

  /** Applies a revocation announced by identity. */
  applyRevocation(event: RevocationEvent, now = Date.now()): void {
    this.prune(now);
    this.revocations += 1;
    if (event.kind === 'session') {
      this.endedSessions.set(event.sessionId, now + TOKEN_LIFETIME_MS);
      return;
    }
    if (event.kind === 'membership') this.rememberMembershipChange(event, now);
    // A key verification under way may have read the membership before the change: requests that
    // arrive from now on ask identity afresh instead of waiting for that answer.
    this.inFlight.clear();
    for (const [hash, grant] of this.grants) {
      const caller = grant.caller;
      if (!caller) continue;
      const matches =
        event.kind === 'apiKey' ? caller.apiKeyId === event.apiKeyId : caller.userId === event.userId && caller.workspaceId === event.workspaceId;
      if (matches) this.grants.delete(hash);
    }
  }

  /** Forgets every cached API-key grant (e.g. after the revocation feed was interrupted). */
  clearApiKeyCache(): void {
    this.revocations += 1;
    this.grants.clear();
  }

  /** Signature checks are cached per token string; expiry is re-checked on every use. */
  private async verifyToken(token: string): Promise<VerifiedAccessToken> {
    const known = this.verifiedTokens.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      this.verifiedTokens.delete(token);
      throw unauthenticated('Access token expired');
    }
    const verified = await this.tokens.verify(token);
    if (this.verifiedTokens.size >= (this.options.maxCachedTokens ?? 10_000)) {
      const oldest = this.verifiedTokens.keys().next().value;
      if (oldest !== undefined) this.verifiedTokens.delete(oldest);
    }
    this.verifiedTokens.set(token, verified);
    return verified;
  }

  private async verifyApiKey(secret: string): Promise<Caller | null> {
    if (!apiKeyVerifyRequestSchema.safeParse({ secret }).success) return null;
    const hash = createHash('sha256').update(secret).digest('base64url');
    const cached = this.grants.get(hash);
    if (cached && cached.until > Date.now()) return cached.caller;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      const asking = this.askIdentity(secret, hash).finally(() => {
        // A revocation may have dropped this entry and a newer request put its own in its place.
        if (this.inFlight.get(hash) === asking) this.inFlight.delete(hash);
      });
      pending = asking;
      this.inFlight.set(hash, pending);
    }
    return pending;
  }

  private async askIdentity(secret: string, hash: string): Promise<Caller | null> {
    const asked = Date.now();
    const revocationsBefore = this.revocations;
    let answer: InternalAnswer;
    try {
      answer = await this.options.identity.post({
        path: API_KEY_VERIFY_PATH,
        contentType: 'application/json',
        body: JSON.stringify({ secret }),
        caller: null,
        requestId: currentRequestId() ?? randomUUID(),
        timeoutMs: this.options.identityTimeoutMs ?? 5_000,
      });
    } catch {
      throw identityUnavailable();
    }
    if (answer.status < 200 || answer.status > 299) throw identityUnavailable();
    const { caller } = apiKeyVerifyResponseSchema.parse(JSON.parse(answer.body.toString('utf8')));
    const ttl = caller ? (this.options.apiKeyCacheTtlMs ?? 30_000) : (this.options.negativeCacheTtlMs ?? 5_000);
    if (this.revocations === revocationsBefore) this.remember(hash, { caller, until: asked + ttl });
    return caller;
  }

  private remember(hash: string, grant: CachedGrant): void {
    if (this.grants.size >= (this.options.maxCachedKeys ?? 10_000)) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.grants.delete(oldest);
    }
    this.grants.set(hash, grant);
  }

  /**
   * Keeps the highest generation announced (a replay may repeat older events), for as long as
   * identity keeps the event: a token read from the membership just before the change may be
   * signed just after it, so it can outlive the change by a little more than its own lifetime.
   */
  private rememberMembershipChange(event: Extract<RevocationEvent, { kind: 'membership' }>, now: number): void {
    const key = `${event.userId}:${event.workspaceId}`;
    const known = this.membershipChanges.get(key);
    const generation = Math.max(known?.generation ?? 0, event.generation);
    this.membershipChanges.set(key, { generation, until: Math.max(known?.until ?? 0, now + REVOCATION_MEMORY_MS) });
  }

  private prune(now: number): void {
    for (const [sid, until] of this.endedSessions) if (until <= now) this.endedSessions.delete(sid);
    for (const [key, change] of this.membershipChanges) if (change.until <= now) this.membershipChanges.delete(key);
  }
}
