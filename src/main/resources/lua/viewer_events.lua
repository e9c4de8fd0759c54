-- Viewer events of one session. A viewer present twice is one current viewer (a set of present ids);
-- unique viewers is a HyperLogLog; views count joins; peak is the highest current count seen.
-- KEYS: stats hash, present-viewers set, unique-viewers HyperLogLog
-- ARGV: now (ms), ttl (s), then per event: type (JOIN | LEAVE | LIKE), viewerRef
local peak = tonumber(redis.call('HGET', KEYS[1], 'peak') or '0')
local changed = false
for b = 3, #ARGV, 2 do
  local kind, viewer = ARGV[b], ARGV[b + 1]
  if kind == 'JOIN' then
    redis.call('HINCRBY', KEYS[1], 'views', 1)
    redis.call('PFADD', KEYS[3], viewer)
    if redis.call('SADD', KEYS[2], viewer) == 1 then
      local current = redis.call('SCARD', KEYS[2])
      if current > peak then
        peak = current
        redis.call('HSET', KEYS[1], 'peak', peak)
      end
    end
  elseif kind == 'LEAVE' then
    redis.call('SREM', KEYS[2], viewer)
  elseif kind == 'LIKE' then
    redis.call('HINCRBY', KEYS[1], 'likes', 1)
  end
  changed = true
end
if changed then
  redis.call('HSET', KEYS[1], 'updated', ARGV[1])
end
for _, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, ARGV[2])
end
return peak
