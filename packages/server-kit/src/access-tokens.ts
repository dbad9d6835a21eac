import { randomUUID } from 'node:crypto';
import { SignJWT, errors, importPKCS8, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import { unauthenticated } from '@omnitron/schema';
import { ACCESS_TOKEN, accessTokenClaimsSchema, type AccessTokenClaims } from './auth-contract';
import type { Caller, Role } from './caller';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly workspaceId: string;
  readonly role: Role;
  /** The membership's generation, read in the same row as `role` (the token's `gen` claim). */
  readonly generation: number;
  /** The session (refresh-token family) the token belongs to. */
  readonly sessionId: string;
}

export interface SignedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Issues access tokens (identity subgraph only: it alone holds the private key). */
export class AccessTokenSigner {
  private constructor(
    private readonly key: CryptoKey,
    private readonly ttlSeconds: number,
  ) {}

  static async fromPem(privateKeyPem: string, ttlSeconds: number = ACCESS_TOKEN.ttlSeconds): Promise<AccessTokenSigner> {
    return new AccessTokenSigner(await importPKCS8(privateKeyPem, ACCESS_TOKEN.algorithm), ttlSeconds);
  }

  async sign(subject: AccessTokenSubject, now = Date.now()): Promise<SignedAccessToken> {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ wid: subject.workspaceId, role: subject.role, sid: subject.sessionId, gen: subject.generation })
      .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, typ: ACCESS_TOKEN.type })
      .setSubject(subject.userId)
      .setIssuer(ACCESS_TOKEN.issuer)
      .setAudience(ACCESS_TOKEN.audience)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }
}

export interface VerifiedAccessToken {
  readonly caller: Caller;
  readonly claims: AccessTokenClaims;
  /** When the token stops being valid (ms since epoch). */
  readonly expiresAt: number;
}

/**
 * Verifies access tokens locally with the public key: algorithm, type, issuer and audience are pinned,
 * expiry enforced (no clock tolerance beyond 5 s). Any failure is the same UNAUTHENTICATED.
 */
export class AccessTokenVerifier {
  private constructor(private readonly key: CryptoKey) {}

  static async fromPem(publicKeyPem: string): Promise<AccessTokenVerifier> {
    return new AccessTokenVerifier(await importSPKI(publicKeyPem, ACCESS_TOKEN.algorithm));
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ACCESS_TOKEN.algorithm],
        typ: ACCESS_TOKEN.type,
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
      });
      const claims = accessTokenClaimsSchema.parse(payload);
      return {
        caller: { userId: claims.sub, workspaceId: claims.wid, role: claims.role, scopes: null },
        claims,
        expiresAt: claims.exp * 1000,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('Access token expired');
      throw unauthenticated('Invalid access token');
    }
  }
}
