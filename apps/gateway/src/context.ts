import type { Caller, Logger } from '@omnitron/server-kit';

/** Per-request context of the gateway; the caller is forwarded to subgraphs in the signed header. */
export interface GatewayContext {
  readonly caller: Caller | null;
  /** The public client's address, forwarded (signed) to subgraphs for rate limits and the audit log. */
  readonly clientIp?: string;
  readonly requestId: string;
  readonly log: Logger;
}
