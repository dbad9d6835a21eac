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

/**
 * The one request a signature is good for: its method and URL path (no query string). It is part
 * of the signed material, so signed headers seen on one internal call (say, a webhook forwarded
 * somewhere it should never have gone) cannot be replayed against another route.
 */
export interface SignedRoute {
  readonly method: string;
  /** The URL's path as sent (percent-encoded), e.g. `/graphql` or `/internal/webhooks/orders%2Fnew`. */
  readonly path: string;
}

/**
 * The route of a request to `url` (absolute where it is sent, or a request's own `req.url` where
 * it is received): both sides read the path the same way, as the WHATWG URL parser normalises it.
 */
export function routeOf(method: string, url: string | URL): SignedRoute {
  const parsed = typeof url === 'string' ? new URL(url, 'http://localhost') : url;
  return { method: method.toUpperCase(), path: parsed.pathname };
}

/**
 * The route of the signatures a graphql-ws socket carries (in `connectionParams`, and in each
 * operation's `extensions.headers`): the socket's upgrade request, `GET <path>`. They never travel
 * outside that socket, so this is the one route they are good for. A subgraph serves GraphQL over
 * HTTP as POST only (GET is refused before any signature is read), so they cannot be replayed as an
 * HTTP request either. Operations are signed one by one like HTTP requests; the route cannot name
 * an operation, as it does not name a request body.
 */
export function socketRoute(url: string | URL): SignedRoute {
  return routeOf('GET', url);
}

/**
 * HMAC over every signed part, as a JSON array so no part can run into the next. The client IP is
 * signed when forwarded (null otherwise), so it cannot be swapped, added or stripped.
 */
function sign(key: string, route: SignedRoute, timestamp: string, encodedCaller: string, clientIp: string | undefined): string {
  const material = JSON.stringify([route.method, route.path, timestamp, encodedCaller, clientIp ?? null]);
  return createHmac('sha256', key).update(material).digest('hex');
}

/**
 * Headers a process adds to its request to `route` for `caller` (null = anonymous), good for that
 * route only and for the receiver's maximum age. `clientIp` (the public client's address) is
 * forwarded and signed when given.
 */
export function signCaller(key: string, route: SignedRoute, caller: Caller | null, now = Date.now(), clientIp?: string): Record<string, string> {
  return signedHeaders(key, route, encodeCaller(caller), now, clientIp);
}

function encodeCaller(caller: Caller | null): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

function signedHeaders(key: string, route: SignedRoute, encoded: string, now: number, clientIp: string | undefined): Record<string, string> {
  const timestamp = String(now);
  return {
    [InternalHeader.caller]: encoded,
    [InternalHeader.timestamp]: timestamp,
    [InternalHeader.signature]: sign(key, route, timestamp, encoded, clientIp),
    ...(clientIp === undefined ? {} : { [InternalHeader.clientIp]: clientIp }),
  };
}

export interface CallerSignerOptions {
  /** How long one caller's signed headers are reused; keep it well inside the subgraphs' maximum age. @default 1_000 */
  readonly reuseMs?: number;
  /** Distinct callers (with route and client address) whose headers are kept. @default 10_000 */
  readonly maxEntries?: number;
}

/**
 * `signCaller` for a gateway under load: the headers for one route, caller and client address are
 * made once and reused for `reuseMs`, across requests. A reused signature proves exactly what a
 * fresh one does (the same caller on the same route, signed by the gateway, at most the subgraphs'
 * maximum age ago), and it spares an HMAC per request here and (see GatewayRequestVerifier) in
 * every subgraph.
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

  /** Signed headers for `caller` from `clientIp` on `route`; treat them as read-only (they are shared). */
  headersFor(route: SignedRoute, caller: Caller | null, clientIp?: string, now = Date.now()): Readonly<Record<string, string>> {
    const encoded = encodeCaller(caller);
    // No space occurs in a method, a URL path or base64url, and the address comes last: the parts stay apart.
    const cacheKey = `${route.method} ${route.path} ${encoded} ${clientIp ?? ''}`;
    const kept = this.signed.get(cacheKey);
    if (kept && now >= kept.at && now - kept.at < this.reuseMs) return kept.headers;
    const headers = Object.freeze(signedHeaders(this.key, route, encoded, now, clientIp));
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
 * Verifies the signature of a request received on `route` and returns the caller (null =
 * anonymous but signed). Throws UNAUTHENTICATED for a missing, forged or stale signature, and for
 * one made for another route.
 */
export function verifyCaller(key: string, route: SignedRoute, headers: HeaderBag, maxAgeMs: number, now = Date.now()): Caller | null {
  return verifyGatewayRequest(key, route, headers, maxAgeMs, now).caller;
}

/** `verifyCaller`, plus the signed client IP. */
export function verifyGatewayRequest(key: string, route: SignedRoute, headers: HeaderBag, maxAgeMs: number, now = Date.now()): GatewayRequest {
  return verifySignedParts(key, signedPartsOf(route, headers), maxAgeMs, now);
}

function verifySignedParts(key: string, signed: SignedParts, maxAgeMs: number, now: number): GatewayRequest {
  const expected = Buffer.from(sign(key, signed.route, signed.timestamp, signed.encoded, signed.clientIp), 'hex');
  const given = Buffer.from(signed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('Invalid gateway signature');
  }
  checkAge(signed.timestamp, maxAgeMs, now);
  const caller = JSON.parse(Buffer.from(signed.encoded, 'base64url').toString('utf8')) as Caller | null;
  return { caller, clientIp: signed.clientIp ?? null };
}

interface SignedParts {
  readonly route: SignedRoute;
  readonly encoded: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly clientIp: string | undefined;
}

function signedPartsOf(route: SignedRoute, headers: HeaderBag): SignedParts {
  const encoded = single(headers[InternalHeader.caller]);
  const timestamp = single(headers[InternalHeader.timestamp]);
  const signature = single(headers[InternalHeader.signature]);
  if (!encoded || !timestamp || !signature) throw unauthenticated('This service only answers the Omnitron gateway');
  return { route, encoded, timestamp, signature, clientIp: single(headers[InternalHeader.clientIp]) };
}

function checkAge(timestamp: string, maxAgeMs: number, now: number): void {
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || age > maxAgeMs || age < -maxAgeMs) throw unauthenticated('Stale gateway signature');
}

/**
 * `verifyGatewayRequest` for a subgraph under load: a signature already verified is recognised
 * by its text, and the request is only accepted when every signed part (route, caller, time,
 * client address) is the one that signature was verified with, and the signature is still young
 * enough. The gateway reuses a caller's signature for a second (CallerSigner), so most requests
 * skip the HMAC. Anything else is verified in full. The caller returned is frozen: it is shared.
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

  verify(route: SignedRoute, headers: HeaderBag, now = Date.now()): GatewayRequest {
    const parts = signedPartsOf(route, headers);
    const kept = this.verified.get(parts.signature);
    if (kept && sameParts(kept.parts, parts)) {
      checkAge(parts.timestamp, this.maxAgeMs, now);
      return kept.request;
    }
    const verified = verifySignedParts(this.key, parts, this.maxAgeMs, now);
    const request: GatewayRequest = Object.freeze({ caller: verified.caller && frozenCaller(verified.caller), clientIp: verified.clientIp });
    this.verified.set(parts.signature, { parts, request });
    return request;
  }
}

function sameParts(a: SignedParts, b: SignedParts): boolean {
  return (
    a.route.method === b.route.method && a.route.path === b.route.path && a.encoded === b.encoded && a.timestamp === b.timestamp && a.clientIp === b.clientIp
  );
}

function frozenCaller(caller: Caller): Caller {
  if (caller.scopes) Object.freeze(caller.scopes);
  return Object.freeze(caller);
}
