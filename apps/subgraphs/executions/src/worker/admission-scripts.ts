/**
 * Redis scripts of flow admission (flow-admission.ts): counting semaphores kept as sorted sets.
 *
 * A scope is one limit: all runs of a flow, or the runs of a flow sharing a concurrency key. Its
 * holders set has one member per run holding a slot, scored with the time (Redis's own clock, ms)
 * its lease ends; its waiters set has the job ids of runs that found it full, scored so the
 * lowest score is woken first (priority, then time queued). Every key of one flow carries the hash
 * tag {flowId}, so both scopes of a run are taken in one script on a Redis Cluster too.
 *
 * A lease that is not renewed (its worker died) ends by itself: expired holders are dropped
 * before every count, and a holders set whose every lease is stale expires as a key.
 */

/** What ADMIT answers: 0 admitted, or the (1-based) scope that is full. Mirrored by `AdmitResult`. */
export const AdmitResult = { admitted: 0 } as const;

/**
 * ADMIT: KEYS = holders_1, waiters_1, ..., holders_n, waiters_n;
 * ARGV = member, leaseMs, jobId, waiterScore, limit_1, ..., limit_n.
 * Takes a slot in every scope or in none. A member already holding a slot (a redelivered job of a
 * run whose worker died) keeps it. A full scope records the job as its waiter and is returned.
 */
export const ADMIT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local scopes = #KEYS / 2
for i = 1, scopes do
  local holders = KEYS[2 * i - 1]
  redis.call('ZREMRANGEBYSCORE', holders, '-inf', now)
  if not redis.call('ZSCORE', holders, ARGV[1]) then
    if redis.call('ZCARD', holders) >= tonumber(ARGV[4 + i]) then
      redis.call('ZADD', KEYS[2 * i], ARGV[4], ARGV[3])
      redis.call('PEXPIRE', KEYS[2 * i], leaseMs)
      return i
    end
  end
end
for i = 1, scopes do
  redis.call('ZADD', KEYS[2 * i - 1], now + leaseMs, ARGV[1])
  redis.call('PEXPIRE', KEYS[2 * i - 1], leaseMs)
  redis.call('ZREM', KEYS[2 * i], ARGV[3])
end
return 0
`;

/**
 * RENEW: KEYS = holders_1, ..., holders_n; ARGV = member, leaseMs. Extends the member's lease in
 * each scope where it still holds one (XX: a lease that ended meanwhile is not taken back, its
 * slot may be another run's now). Returns how many leases were extended.
 */
export const RENEW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local renewed = 0
for i = 1, #KEYS do
  renewed = renewed + redis.call('ZADD', KEYS[i], 'XX', 'CH', now + leaseMs, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], leaseMs)
end
return renewed
`;

/**
 * RELEASE: KEYS = holders_1, waiters_1, ..., holders_n, waiters_n; ARGV = member, wake.
 * Frees the member's slots; for each slot freed, pops up to `wake` waiters of that scope (their
 * job ids are returned, to be promoted from the delayed set).
 */
export const RELEASE_LUA = `
local woken = {}
local wake = tonumber(ARGV[2])
for i = 1, #KEYS / 2 do
  if redis.call('ZREM', KEYS[2 * i - 1], ARGV[1]) == 1 then
    local popped = redis.call('ZPOPMIN', KEYS[2 * i], wake)
    for j = 1, #popped, 2 do table.insert(woken, popped[j]) end
  end
end
return woken
`;
