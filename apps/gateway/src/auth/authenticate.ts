import type { IncomingMessage } from 'node:http';
import type { Authentication, Caller } from '@omnitron/server-kit';
import { unauthenticated } from '@omnitron/schema';

export type { Authentication };

/**
 * Turns a credential (an access token or an `omk_` API key) into `{ caller, expiresAt }`.
 * No credential = anonymous (`caller: null`); a bad, expired or revoked one throws UNAUTHENTICATED.
 * HTTP requests and graphql-ws `connectionParams` go through the same call.
 */
export interface Authenticator {
  /** Real authenticators answer `Authentication`; a bare `Caller | null` (test fixtures) is read as never expiring. */
  authenticate(credential: string | undefined): Promise<Authentication | Caller | null>;
}

/** Reads either answer shape of `Authenticator.authenticate` as an `Authentication`. */
export function authenticationOf(answer: Authentication | Caller | null): Authentication {
  if (answer && 'expiresAt' in answer && 'caller' in answer) return answer;
  return { caller: answer as Caller | null, expiresAt: null };
}

/** The bearer credential of an HTTP request, if any. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The public client's address: the socket peer, or — behind a trusted reverse proxy — the
 * address that proxy appended last to X-Forwarded-For (earlier entries are client-controlled).
 */
export function clientIpOf(req: IncomingMessage, trustProxy = false): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const ip = trustProxy && list.length > 0 ? list.at(-1)! : (req.socket.remoteAddress ?? 'unknown');
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
