import type { IncomingMessage } from 'node:http';
import type { Caller } from '@omnitron/server-kit';
import { unauthenticated } from '@omnitron/schema';

/** Turns credentials (an access token or API key) into a caller; null = anonymous. */
export interface Authenticator {
  authenticate(credential: string | undefined): Promise<Caller | null>;
}

/** The bearer credential of an HTTP request, if any. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return match[1];
}
