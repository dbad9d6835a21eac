import { unauthenticated } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import type { Authenticator } from './authenticate';

/**
 * Until sign-in exists every presented credential is refused; anonymous callers pass as null.
 * The identity work replaces this with access-token and API-key verification.
 */
export class AccessTokenAuthenticator implements Authenticator {
  async authenticate(credential: string | undefined): Promise<Caller | null> {
    if (credential === undefined) return null;
    throw unauthenticated('Invalid or expired credentials');
  }
}
