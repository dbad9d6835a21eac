/**
 * Close codes the gateway's graphql-ws endpoint uses besides the protocol's own
 * (graphql-ws `CloseCode`: 4400 bad request, 4403 forbidden, 4406 subprotocol, ...).
 */
export const SubscriptionCloseCode = {
  /**
   * No, invalid, expired or revoked credentials. graphql-ws clients treat it as fatal: get a
   * fresh access token, then reconnect.
   */
  Unauthorized: 4401,
  /**
   * The client read too slowly and its queue of undelivered events hit the limit. graphql-ws
   * clients retry 4408, so a client reconnects and resumes with `afterSeq`.
   */
  SlowConsumer: 4408,
  /** Connecting while the caller's (or, before sign-in, the address's) request budget is used up. */
  TooManyRequests: 4429,
} as const;
export type SubscriptionCloseCode = (typeof SubscriptionCloseCode)[keyof typeof SubscriptionCloseCode];
