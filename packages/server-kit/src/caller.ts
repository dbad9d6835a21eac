import { createHmac, timingSafeEqual } from 'node:crypto';
import { InternalHeader, unauthenticated } from '@omnitron/schema';
import { RecentlyUsed } from './recently-used';

export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['flows:read', 'flows:write', 'executions:run', 'executions:read', 'ai:read', 'ai:write'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The least role that may use each scope; the resolvers that check a scope require this role too
 * (`requireRole(ctx, 'editor', 'flows:write')`), so an API key never holds a scope its maker's role
 * could not use.
 */
export const SCOPE_MIN_ROLE: Readonly<Record<Scope, Role>> = {
  'flows:read': 'viewer',
  'flows:write': 'editor',
  'executions:run': 'editor',
  'executions:read': 'viewer',
  'ai:read': 'viewer',
  'ai:write': 'editor',
};

/** The scopes of `scopes` that `role` may not use. */
export function scopesBeyondRole(scopes: readonly Scope[], role: Role): Scope[] {
  return scopes.filter((scope) => ROLES.indexOf(role) < ROLES.indexOf(SCOPE_MIN_ROLE[scope]));
}

/** Who is calling, as established by the gateway. A subgraph reads it only from the signed header. */
export interface Caller {
  readonly userId: string;
  readonly workspaceId: string;
  readonly role: Role;
  /** `null` for a signed-in session (everything the role allows); an API key's scopes otherwise. */
  readonly scopes: readonly Scope[] | null;
  readonly apiKeyId?: string;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** The client IP, when forwarded, is part of the signed material so it cannot be swapped or added. */
function sign(key: string, timestamp: string, encodedCaller: string, clientIp?: string): string {
  const material = clientIp === undefined ? `${timestamp}.${encodedCaller}` : `${timestamp}.${encodedCaller}.${clientIp}`;
  return createHmac('sha256', key).update(material).digest('hex');
}

/**
 * Headers the gateway adds to a subgraph request for `caller` (null = anonymous).
 * `clientIp` (the public client's address) is forwarded and signed when given.
 */
export function signCaller(key: string, caller: Caller | null, now = Date.now(), clientIp?: string): Record<string, string> {
  return signedHeaders(key, encodeCaller(caller), now, clientIp);
}

function encodeCaller(caller: Caller | null): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

function signedHeaders(key: string, encoded: string, now: number, clientIp: string | undefined): Record<string, string> {
  const timestamp = String(now);
  return {
    [InternalHeader.caller]: encoded,
    [InternalHeader.timestamp]: timestamp,
    [InternalHeader.signature]: sign(key, timestamp, encoded, clientIp),
    ...(clientIp === undefined ? {} : { [InternalHeader.clientIp]: clientIp }),
  };
}

export interface CallerSignerOptions {
  /** How long one caller's signed headers are reused; keep it well inside the subgraphs' maximum age. @default 1_000 */
  readonly reuseMs?: number;
  /** Distinct callers (with client address) whose headers are kept. @default 10_000 */
  readonly maxEntries?: number;
}

/**
 * `signCaller` for a gateway under load: the headers for one caller and client address are made
 * once and reused for `reuseMs`, across requests. A reused signature proves exactly what a fresh
 * one does (the same caller, signed by the gateway, at most the subgraphs' maximum age ago), and
 * it spares an HMAC per request here and (see GatewayRequestVerifier) in every subgraph.
 */
export class CallerSigner {
  private readonly signed: RecentlyUsed<string, { readonly at: number; readonly headers: Readonly<Record<string, string>> }>;
  private readonly reuseMs: number;

  constructor(
    private readonly key: string,
    options: CallerSignerOptions = {},
  ) {
    this.reuseMs = options.reuseMs ?? 1_000;
    this.signed = new RecentlyUsed(options.maxEntries ?? 10_000);
  }

  /** Signed headers for `caller` from `clientIp`; treat them as read-only (they are shared). */
  headersFor(caller: Caller | null, clientIp?: string, now = Date.now()): Readonly<Record<string, string>> {
    const encoded = encodeCaller(caller);
    const cacheKey = clientIp === undefined ? encoded : `${encoded} ${clientIp}`;
    const kept = this.signed.get(cacheKey);
    if (kept && now >= kept.at && now - kept.at < this.reuseMs) return kept.headers;
    const headers = Object.freeze(signedHeaders(this.key, encoded, now, clientIp));
    this.signed.set(cacheKey, { at: now, headers });
    return headers;
  }
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** What a verified gateway request carries. */
export interface GatewayRequest {
  readonly caller: Caller | null;
  /** The public client's address as the gateway saw it; null when not forwarded. */
  readonly clientIp: string | null;
}

/**
 * Verifies the gateway's signature and returns the caller (null = anonymous but signed).
 * Throws UNAUTHENTICATED for a missing, forged or stale signature.
 */
export function verifyCaller(key: string, headers: HeaderBag, maxAgeMs: number, now = Date.now()): Caller | null {
  return verifyGatewayRequest(key, headers, maxAgeMs, now).caller;
}

/** `verifyCaller`, plus the signed client IP. */
export function verifyGatewayRequest(key: string, headers: HeaderBag, maxAgeMs: number, now = Date.now()): GatewayRequest {
  return verifySignedParts(key, signedPartsOf(headers), maxAgeMs, now);
}

function verifySignedParts(key: string, signed: SignedParts, maxAgeMs: number, now: number): GatewayRequest {
  const expected = Buffer.from(sign(key, signed.timestamp, signed.encoded, signed.clientIp), 'hex');
  const given = Buffer.from(signed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('Invalid gateway signature');
  }
  checkAge(signed.timestamp, maxAgeMs, now);
  const caller = JSON.parse(Buffer.from(signed.encoded, 'base64url').toString('utf8')) as Caller | null;
  return { caller, clientIp: signed.clientIp ?? null };
}

interface SignedParts {
  readonly encoded: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly clientIp: string | undefined;
}

function signedPartsOf(headers: HeaderBag): SignedParts {
  const encoded = single(headers[InternalHeader.caller]);
  const timestamp = single(headers[InternalHeader.timestamp]);
  const signature = single(headers[InternalHeader.signature]);
  if (!encoded || !timestamp || !signature) throw unauthenticated('This service only answers the Omnitron gateway');
  return { encoded, timestamp, signature, clientIp: single(headers[InternalHeader.clientIp]) };
}

function checkAge(timestamp: string, maxAgeMs: number, now: number): void {
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || age > maxAgeMs || age < -maxAgeMs) throw unauthenticated('Stale gateway signature');
}

/**
 * `verifyGatewayRequest` for a subgraph under load: a signature already verified is recognised
 * by its text, and the request is only accepted when every signed part (caller, time, client
 * address) is the one that signature was verified with, and the signature is still young enough.
 * The gateway reuses a caller's signature for a second (CallerSigner), so most requests skip the
 * HMAC. Anything else is verified in full. The caller returned is frozen: it is shared.
 */
export class GatewayRequestVerifier {
  private readonly verified: RecentlyUsed<string, { readonly parts: SignedParts; readonly request: GatewayRequest }>;

  constructor(
    private readonly key: string,
    private readonly maxAgeMs: number,
    maxEntries = 10_000,
  ) {
    this.verified = new RecentlyUsed(maxEntries);
  }

  verify(headers: HeaderBag, now = Date.now()): GatewayRequest {
    const parts = signedPartsOf(headers);
    const kept = this.verified.get(parts.signature);
    if (kept && kept.parts.encoded === parts.encoded && kept.parts.timestamp === parts.timestamp && kept.parts.clientIp === parts.clientIp) {
      checkAge(parts.timestamp, this.maxAgeMs, now);
      return kept.request;
    }
    const verified = verifySignedParts(this.key, parts, this.maxAgeMs, now);
    const request: GatewayRequest = Object.freeze({ caller: verified.caller && frozenCaller(verified.caller), clientIp: verified.clientIp });
    this.verified.set(parts.signature, { parts, request });
    return request;
  }
}

function frozenCaller(caller: Caller): Caller {
  if (caller.scopes) Object.freeze(caller.scopes);
  return Object.freeze(caller);
}
