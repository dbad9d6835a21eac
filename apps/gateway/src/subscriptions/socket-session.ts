import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { Caller, Logger } from '@omnitron/server-kit';
import type { Authenticator } from '../auth/authenticate';
import { SubscriptionCloseCode } from './close-codes';
import { socketAuthentication } from './connection-credential';

/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

export interface SessionSocket {
  close(code: number, reason: string): void;
}

/**
 * An authenticated graphql-ws connection. The credential is watched for the socket's whole life:
 * the socket closes with 4401 when an access token expires, and when a periodic re-check finds
 * the credential revoked (an API key revoked, a membership changed).
 */
export class SocketSession {
  /** Trace id of each operation on this socket, by graphql-ws operation id. */
  readonly traceIds = new Map<string, string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly socket: SessionSocket,
    readonly credential: string,
    readonly caller: Caller,
    readonly clientIp: string,
    private readonly log: Logger,
  ) {}

  /** Starts the expiry timer and the periodic re-check (`recheckEveryMs` 0 = never). */
  watch(authenticator: Authenticator, expiresAt: number | undefined, recheckEveryMs: number, now = Date.now()): void {
    if (expiresAt !== undefined) {
      const timer = setTimeout(() => this.close('Access token expired; reconnect with a fresh token'), Math.min(Math.max(0, expiresAt - now), MAX_TIMER_MS));
      this.timers.push(timer);
    }
    if (recheckEveryMs > 0) {
      const timer = setInterval(() => void this.recheck(authenticator), recheckEveryMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  private async recheck(authenticator: Authenticator): Promise<void> {
    try {
      const { caller } = socketAuthentication(await authenticator.authenticate(this.credential), this.credential);
      if (caller?.workspaceId === this.caller.workspaceId && caller.role === this.caller.role) return;
      this.close('Your access changed; reconnect to continue');
    } catch (error) {
      if (!(error instanceof OmnitronError && error.code === ErrorCode.UNAUTHENTICATED)) {
        // Identity unreachable is not a verdict on the credential: keep the socket, check again later.
        this.log.warn({ err: error }, 'could not re-check a socket credential');
        return;
      }
      this.close('Credentials expired or were revoked; reconnect with fresh ones');
    }
  }

  close(reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(SubscriptionCloseCode.Unauthorized, reason);
  }

  dispose(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
  }
}
