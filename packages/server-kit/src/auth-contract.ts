import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { z } from 'zod';
import { ROLES, SCOPES, type Caller } from './caller';

/**
 * What the identity subgraph (issuer) and the gateway (verifier) agree on: access-token claims,
 * the internal API-key verification route, and the revocation events on Redis pub/sub.
 */
export const ACCESS_TOKEN = {
  /** Only EdDSA (Ed25519) is accepted when verifying; `alg: none` and HMAC tricks fail. */
  algorithm: 'EdDSA',
  /** JWT `typ` header (RFC 9068), pinned too, so no other kind of token signed with the key passes. */
  type: 'at+jwt',
  issuer: 'omnitron-identity',
  audience: 'omnitron-api',
  /** @default 900 (15 minutes) */
  ttlSeconds: 900,
} as const;

/** Claims of an access token besides iss/aud/iat/exp: `sub` is the user id. */
export const accessTokenClaimsSchema = z.object({
  sub: z.uuid(),
  /** active workspace */
  wid: z.uuid(),
  role: z.enum(ROLES),
  /** session (refresh-token family) the token was issued for */
  sid: z.uuid(),
  /**
   * Generation of the membership (`sub` in `wid`) the role was read from, in the same row read.
   * A role change or removal announces a higher generation, and gateways then refuse every token
   * carrying a lower one, however close in time it was issued (see `revocationEventSchema`).
   */
  gen: z.number().int().min(0),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** API key secrets start with this, so the gateway tells them from JWTs without parsing. */
export const API_KEY_PREFIX = 'omk_';

/** Internal route on the identity subgraph; callable only with a valid gateway signature. */
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

export const apiKeyVerifyRequestSchema = z.object({ secret: z.string().min(1).max(200) });
export type ApiKeyVerifyRequest = z.infer<typeof apiKeyVerifyRequestSchema>;

const callerSchema = z.object({
  userId: z.uuid(),
  workspaceId: z.uuid(),
  role: z.enum(ROLES),
  scopes: z.array(z.enum(SCOPES)).nullable(),
  apiKeyId: z.uuid().optional(),
});

/** `caller: null` = unknown or revoked key. */
export const apiKeyVerifyResponseSchema = z.object({ caller: callerSchema.nullable() });
export type ApiKeyVerifyResponse = { readonly caller: Caller | null };

/** Redis pub/sub channel on which identity announces revocations; gateways drop cached grants. */
export const revocationChannel = (redisPrefix: string): string => `${redisPrefix}:identity:revocations`;

/**
 * Redis sorted set (score = ms) of the revocations of the last `REVOCATION_MEMORY_MS`, so a gateway
 * that starts or reconnects late still refuses tokens revoked while it was away.
 */
export const recentRevocationsKey = (redisPrefix: string): string => `${redisPrefix}:identity:recent-revocations`;

/** Longer than any access token lives: older revocations no longer matter. */
export const REVOCATION_MEMORY_MS = ACCESS_TOKEN.ttlSeconds * 1000 + 60_000;

/** Ids in revocation events (published only by identity, on a private channel). */
const id = z.string().min(1).max(64);

export const revocationEventSchema = z.discriminatedUnion('kind', [
  /** An API key was revoked: refuse it at once. */
  z.object({ kind: z.literal('apiKey'), apiKeyId: id }),
  /** A session (refresh-token family) ended by logout or theft detection: refuse its access tokens. */
  z.object({ kind: z.literal('session'), sessionId: id }),
  /**
   * A membership changed (role changed or member removed) at `at` (ms), giving it `generation`:
   * access tokens for that user and workspace whose `gen` is below it, and cached API-key grants,
   * are no longer valid. Generations only grow per user, also across removal and re-joining.
   */
  z.object({ kind: z.literal('membership'), userId: id, workspaceId: id, at: z.number().int(), generation: z.number().int().min(0) }),
]);
export type RevocationEvent = z.infer<typeof revocationEventSchema>;

/** RATE_LIMITED with the seconds until the next attempt may succeed. */
export function rateLimited(retryAfterSeconds: number, message = 'Too many requests; try again later'): OmnitronError {
  return new OmnitronError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

/**
 * Turns a rate-limiter-flexible rejection (`{ msBeforeNext }`) into RATE_LIMITED; rethrows anything
 * else (a store failure is not the caller's fault and must not read as a limit).
 */
export function throwRateLimited(rejection: unknown, message?: string): never {
  if (rejection instanceof Error || typeof rejection !== 'object' || rejection === null || !('msBeforeNext' in rejection)) throw rejection;
  throw rateLimited(Number(rejection.msBeforeNext) / 1000, message);
}
