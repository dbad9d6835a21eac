import { createHmac, timingSafeEqual } from 'node:crypto';
import { InternalHeader, unauthenticated } from '@omnitron/schema';

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
  const encoded = Buffer.from(JSON.stringify(caller)).toString('base64url');
  const timestamp = String(now);
  return {
    [InternalHeader.caller]: encoded,
    [InternalHeader.timestamp]: timestamp,
    [InternalHeader.signature]: sign(key, timestamp, encoded, clientIp),
    ...(clientIp === undefined ? {} : { [InternalHeader.clientIp]: clientIp }),
  };
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
  const encoded = single(headers[InternalHeader.caller]);
  const timestamp = single(headers[InternalHeader.timestamp]);
  const signature = single(headers[InternalHeader.signature]);
  const clientIp = single(headers[InternalHeader.clientIp]);
  if (!encoded || !timestamp || !signature) throw unauthenticated('This service only answers the Omnitron gateway');
  const expected = Buffer.from(sign(key, timestamp, encoded, clientIp), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('Invalid gateway signature');
  }
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || age > maxAgeMs || age < -maxAgeMs) throw unauthenticated('Stale gateway signature');
  const caller = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Caller | null;
  return { caller, clientIp: clientIp ?? null };
}
