/** Headers the gateway sets on every subgraph request. Subgraphs trust nothing else. */
export const InternalHeader = {
  /** base64url JSON of the caller (or `null` for anonymous) */
  caller: 'x-omnitron-caller',
  /** unix milliseconds when the gateway signed */
  timestamp: 'x-omnitron-ts',
  /**
   * hex HMAC-SHA256 over the JSON array `[method, path, timestamp, caller, clientIp | null]`: good
   * only for the one request route (method and URL path) it was made for (server-kit `signCaller`)
   */
  signature: 'x-omnitron-signature',
  /** the public client's IP as the gateway saw it; covered by the signature */
  clientIp: 'x-omnitron-client-ip',
  requestId: 'x-request-id',
} as const;
