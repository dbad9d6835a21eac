/**
 * Redis scripts of the circuit breaker, kept as documented text. Their return codes are mirrored
 * in `BreakerTransition`. Keys: KEYS[1] = breaker hash {failures, openUntil}, KEYS[2] = probe lock.
 */

export const BreakerTransition = {
  /** The failure was counted; the circuit stays closed. */
  STAYED_CLOSED: 0,
  /** Threshold reached, or a half-open probe failed: the circuit is open until now + cool-down. */
  OPENED: 1,
} as const;
export type BreakerTransition = (typeof BreakerTransition)[keyof typeof BreakerTransition];

/**
 * recordFailure(threshold, now, cooldownMs, ttlMs) -> BreakerTransition.
 * A failure while the circuit was open or half-open (openUntil > 0) re-opens it at once.
 */
export const RECORD_FAILURE_LUA = `
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
redis.call('DEL', KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if openUntil > 0 or failures >= tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'openUntil', tonumber(ARGV[2]) + tonumber(ARGV[3]))
  return 1
end
return 0
`;
