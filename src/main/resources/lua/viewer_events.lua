-- Viewer events of one session, each counted once (an event id already in the events set changes nothing).
-- A viewer present twice is one current viewer (a set of present ids); unique viewers is a HyperLogLog; views
-- count joins; peak is the highest current count seen. A viewer's traffic source is that of their first JOIN;
-- orders of a buyer counted before that JOIN were OTHER's and move to it. Watch time: a present viewer's join time
-- is kept until their LEAVE closes the visit; a LEAVE arriving before its JOIN (time `at` after the JOIN's) closes
-- the visit when the JOIN comes.
-- KEYS: stats hash, present set, unique-viewers HyperLogLog, counted event ids set, per-product hash,
--       viewer -> first source hash, per-source hash, present viewer -> join time hash, early-leave hash,
--       buyer -> orders not yet attributed hash
-- ARGV: now (ms), ttl (s), then per event: type, viewerRef, eventId ('' none), productId ('' none),
--       source ('' none), at (ms, '' for now)
local peak = tonumber(redis.call('HGET', KEYS[1], 'peak') or '0')
local counted = 0
local funnel = { PRODUCT_IMPRESSION = ':m', PRODUCT_CLICK = ':c', ADD_TO_CART = ':a' }
local tallies = { LIKE = 'likes', FOLLOW = 'follows', SHARE = 'shares', COMMENT = 'comments' }
for b = 3, #ARGV, 6 do
  local kind, viewer, id = ARGV[b], ARGV[b + 1], ARGV[b + 2]
  if id == '' or redis.call('SADD', KEYS[4], id) == 1 then
    counted = counted + 1
    local at = ARGV[b + 5]
    if at == '' then
      at = ARGV[1]
    end
    if kind == 'JOIN' then
      redis.call('HINCRBY', KEYS[1], 'views', 1)
      redis.call('PFADD', KEYS[3], viewer)
      local source = ARGV[b + 4]
      if source == '' then
        source = 'OTHER'
      end
      if redis.call('HSETNX', KEYS[6], viewer, source) == 1 then
        redis.call('HINCRBY', KEYS[7], source .. ':v', 1)
        local owed = redis.call('HGET', KEYS[10], viewer)
        if owed then
          redis.call('HINCRBY', KEYS[7], 'OTHER:o', -tonumber(owed))
          redis.call('HINCRBY', KEYS[7], source .. ':o', owed)
          redis.call('HDEL', KEYS[10], viewer)
        end
      end
      local early = redis.call('HGET', KEYS[9], viewer)
      if early then
        redis.call('HDEL', KEYS[9], viewer)
      end
      if early and tonumber(early) >= tonumber(at) then
        redis.call('HINCRBY', KEYS[1], 'watchMs', tonumber(early) - tonumber(at))
      elseif redis.call('SADD', KEYS[2], viewer) == 1 then
        redis.call('HSET', KEYS[8], viewer, at)
        redis.call('HINCRBY', KEYS[1], 'openMs', at)
        local current = redis.call('SCARD', KEYS[2])
        if current > peak then
          peak = current
          redis.call('HSET', KEYS[1], 'peak', peak)
        end
      end
    elseif kind == 'LEAVE' then
      if redis.call('SREM', KEYS[2], viewer) == 1 then
        local joined = redis.call('HGET', KEYS[8], viewer)
        if joined then
          redis.call('HDEL', KEYS[8], viewer)
          redis.call('HINCRBY', KEYS[1], 'openMs', '-' .. joined)
          redis.call('HINCRBY', KEYS[1], 'watchMs', math.max(0, tonumber(at) - tonumber(joined)))
        end
      else
        redis.call('HSET', KEYS[9], viewer, at)
      end
    elseif funnel[kind] then
      if ARGV[b + 3] ~= '' then
        redis.call('HINCRBY', KEYS[5], ARGV[b + 3] .. funnel[kind], 1)
      end
    elseif tallies[kind] then
      redis.call('HINCRBY', KEYS[1], tallies[kind], 1)
    end
  end
end
if counted > 0 then
  redis.call('HSET', KEYS[1], 'updated', ARGV[1])
end
for _, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, ARGV[2])
end
return counted
