/** Headers the gateway sets on every subgraph request. Subgraphs trust nothing else. */
export const InternalHeader = {
  /** base64url JSON of the caller (or `null` for anonymous) */
  caller: 'x-omnitron-caller',
  /** unix milliseconds when the gateway signed */
  timestamp: 'x-omnitron-ts',
  /** hex HMAC-SHA256 over `${timestamp}.${caller}` */
  signature: 'x-omnitron-signature',
  requestId: 'x-request-id',
} as const;
