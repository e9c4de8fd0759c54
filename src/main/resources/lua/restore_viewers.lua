-- Ends a rebuild: adds the last PostgreSQL snapshot of the viewer figures to whatever arrived since
-- the loss, once (the 'ready' flag makes a second, concurrent rebuild a no-op), and marks the
-- session's counters complete. The live insight of the snapshot is added too: follows, shares, comments, closed
-- watch time, viewers who joined (as 'joinedBase': the viewer -> source map itself is not kept), viewers per
-- source and the product funnel. The orders re-applied before this script counted for OTHER (the viewer -> source
-- map is gone): as many as the snapshot attributed to each source move to it, and the buyers waiting for their
-- first JOIN are forgotten (their orders stay OTHER), so the sources' orders still add up to the orders.
-- KEYS: stats hash, unique-viewers HyperLogLog, scratch key, per-product hash, per-source hash,
--       buyer -> orders not yet attributed hash
-- ARGV: ttl (s), views, likes, peak, serialised HyperLogLog ('' when none), insight JSON ('' when none)
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
if ARGV[6] ~= '' then
  local insight = cjson.decode(ARGV[6])
  for _, field in ipairs({ 'follows', 'shares', 'comments', 'watchMs' }) do
    if insight[field] and insight[field] ~= 0 then
      redis.call('HINCRBY', KEYS[1], field, insight[field])
    end
  end
  if insight.joined and insight.joined ~= 0 then
    redis.call('HINCRBY', KEYS[1], 'joinedBase', insight.joined)
  end
  for source, figures in pairs(insight.sources or {}) do
    redis.call('HINCRBY', KEYS[5], source .. ':v', figures[1])
    if source ~= 'OTHER' and figures[2] > 0 then
      local other = tonumber(redis.call('HGET', KEYS[5], 'OTHER:o') or '0')
      local moved = math.min(figures[2], other)
      if moved > 0 then
        redis.call('HINCRBY', KEYS[5], 'OTHER:o', -moved)
        redis.call('HINCRBY', KEYS[5], source .. ':o', moved)
      end
    end
  end
  redis.call('DEL', KEYS[6])
  for product, f in pairs(insight.funnel or {}) do
    redis.call('HINCRBY', KEYS[4], product .. ':m', f[1])
    redis.call('HINCRBY', KEYS[4], product .. ':c', f[2])
    redis.call('HINCRBY', KEYS[4], product .. ':a', f[3])
  end
  redis.call('EXPIRE', KEYS[4], ARGV[1])
  redis.call('EXPIRE', KEYS[5], ARGV[1])
end
redis.call('HSET', KEYS[1], 'ready', '1')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
