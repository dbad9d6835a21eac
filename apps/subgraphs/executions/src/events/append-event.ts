/**
 * Appends one event with the next seq, atomically: the counter and the stream move together,
 * and the stream entry id is `<seq>-0`, so readers resume with XRANGE from `<afterSeq>-0`. Then
 * publishes the event on the execution's live channel, so followers get it without a read (in
 * seq order: scripts run one at a time). The stream stays the record: pub/sub may drop messages.
 *
 * KEYS[1] seq counter, KEYS[2] stream
 * ARGV[1] type, ARGV[2] nodeId ('' for none), ARGV[3] at (ISO), ARGV[4] data (JSON),
 * ARGV[5] seconds to keep both keys (0 = no expiry yet; set with the terminal event),
 * ARGV[6] live channel (message: JSON [seq, type, nodeId, at, data])
 *
 * Returns the seq assigned.
 */
export const APPEND_EVENT_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], seq .. '-0', 'type', ARGV[1], 'nodeId', ARGV[2], 'at', ARGV[3], 'data', ARGV[4])
local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[6], cjson.encode({ seq, ARGV[1], ARGV[2], ARGV[3], ARGV[4] }))
return seq
`;
