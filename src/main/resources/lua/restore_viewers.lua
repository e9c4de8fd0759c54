-- Ends a rebuild: adds the last PostgreSQL snapshot of the viewer figures to whatever arrived since
-- the loss, once (the 'ready' flag makes a second, concurrent rebuild a no-op), and marks the
-- session's counters complete.
-- KEYS: stats hash, unique-viewers HyperLogLog, scratch key
-- ARGV: ttl (s), views, likes, peak, serialised HyperLogLog ('' when none)
if redis.call('HEXISTS', KEYS[1], 'ready') == 1 then
  return 0
end
redis.call('HINCRBY', KEYS[1], 'views', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'likes', ARGV[3])
local peak = tonumber(redis.call('HGET', KEYS[1], 'peak') or '0')
if tonumber(ARGV[4]) > peak then
  redis.call('HSET', KEYS[1], 'peak', ARGV[4])
end
if ARGV[5] ~= '' then
  redis.call('SET', KEYS[3], ARGV[5])
  redis.call('PFMERGE', KEYS[2], KEYS[2], KEYS[3])
  redis.call('DEL', KEYS[3])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
redis.call('HSET', KEYS[1], 'ready', '1')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
