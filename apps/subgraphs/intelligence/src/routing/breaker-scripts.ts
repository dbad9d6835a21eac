/**
 * Redis scripts of the provider state, kept as documented text; return codes are mirrored in
 * `BreakerTransition`. All keys of one workspace share the hash tag `{workspaceId}`, so each
 * script touches a single slot (Redis Cluster) and runs atomically.
 */

export const BreakerTransition = {
  /** Nothing changed for the circuit (a success, or a failure that does not count). */
  UNCHANGED: 0,
  /** The failure was counted; the circuit stays closed. */
  STAYED_CLOSED: 1,
  /** Threshold reached, or a half-open probe failed: the circuit is open until now + cool-down. */
  OPENED: 2,
} as const;
export type BreakerTransition = (typeof BreakerTransition)[keyof typeof BreakerTransition];

/**
 * readState(sampleCount) over KEYS = [cb, cool, quota, stats] per provider ->
 * per provider: failures, openUntil, coolPttl, quotaUsed, samples[].
 */
export const READ_STATE_LUA = `
local out = {}
for i = 1, #KEYS, 4 do
  local cb = redis.call('HMGET', KEYS[i], 'failures', 'openUntil')
  out[#out + 1] = cb[1] or '0'
  out[#out + 1] = cb[2] or '0'
  out[#out + 1] = redis.call('PTTL', KEYS[i + 1])
  out[#out + 1] = redis.call('GET', KEYS[i + 2]) or '0'
  out[#out + 1] = redis.call('LRANGE', KEYS[i + 3], 0, tonumber(ARGV[1]) - 1)
end
return out
`;

/**
 * recordAttempt over KEYS = [cb, probe, cool, quota, stats] with ARGV = [ok, countsAgainstCircuit,
 * threshold, now, cooldownMs, cbTtlMs, sample, sampleCount, windowMs, rateLimitedForMs, quotaTtlMs]
 * -> BreakerTransition. Counts the call toward today's quota, keeps the sample, starts a 429
 * cool-down, and moves the breaker: a success closes it; a counted failure while open or
 * half-open (openUntil > 0) re-opens it at once; otherwise it opens at `threshold` in a row.
 */
export const RECORD_ATTEMPT_LUA = `
if redis.call('INCR', KEYS[4]) == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[11]) end
redis.call('LPUSH', KEYS[5], ARGV[7])
redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[8]) - 1)
redis.call('PEXPIRE', KEYS[5], ARGV[9])
local limitedFor = tonumber(ARGV[10])
if limitedFor > 0 then redis.call('SET', KEYS[3], tostring(tonumber(ARGV[4]) + limitedFor), 'PX', limitedFor) end
redis.call('DEL', KEYS[2])
if ARGV[1] == '1' then
  if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'failures', 0, 'openUntil', 0) end
  return 0
end
if ARGV[2] ~= '1' then return 0 end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
redis.call('PEXPIRE', KEYS[1], ARGV[6])
if openUntil > 0 or failures >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'openUntil', tonumber(ARGV[4]) + tonumber(ARGV[5]))
  return 2
end
return 1
`;
