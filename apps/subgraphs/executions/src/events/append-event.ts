/**
 * Appends events with the next seqs, atomically: the counter and the stream move together, and
 * each stream entry id is `<seq>-0`, so readers resume with XRANGE from `<afterSeq>-0`. Then
 * publishes them, as one message, on the execution's live channel, so followers get them without
 * a read (in seq order: scripts run one at a time). The stream stays the record: pub/sub may drop
 * messages. Several events per call let a run append what its engine emitted meanwhile in one
 * round trip.
 *
 * KEYS[1] seq counter, KEYS[2] stream
 * ARGV[1] seconds to keep both keys (0 = no expiry yet; set with the terminal event),
 * ARGV[2] live channel (message: JSON [[seq, type, nodeId, at, data], ...]),
 * then per event: type, nodeId ('' for none), at (ISO), data (JSON),
 * then optionally a channel and a message published after the events (a run's settled notice
 * with its terminal event: whoever hears it finds the event stored).
 *
 * Returns the seq of the first event (the others follow it); 0 for no events.
 */
export const APPEND_EVENTS_SCRIPT = `
local count = math.floor((#ARGV - 2) / 4)
local notice = (#ARGV - 2) % 4 == 2
if count < 1 then return 0 end
-- One counter move for the whole batch: its seqs are consecutive whatever runs between scripts.
local first = redis.call('INCRBY', KEYS[1], count) - count + 1
local published = {}
for i = 0, count - 1 do
  local base = 3 + i * 4
  local seq = first + i
  redis.call('XADD', KEYS[2], seq .. '-0', 'type', ARGV[base], 'nodeId', ARGV[base + 1], 'at', ARGV[base + 2], 'data', ARGV[base + 3])
  published[#published + 1] = { seq, ARGV[base], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3] }
end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[2], cjson.encode(published))
if notice then redis.call('PUBLISH', ARGV[#ARGV - 1], ARGV[#ARGV]) end
return first
`;
