-- Applies orders to a session's live counters exactly once each, whoever calls it (the write path,
-- a rebuild, the reconciler): an order id already in the counted set changes nothing.
-- KEYS: counted-ids set, stats hash, per-product hash, per-minute hash, buyers HyperLogLog
-- ARGV: now (ms), ttl (s), then per order: id, productId, quantity, amount (cents), minute (epoch), buyerRef
local applied = 0
for b = 3, #ARGV, 6 do
  if redis.call('SADD', KEYS[1], ARGV[b]) == 1 then
    local pid, minute = ARGV[b + 1], ARGV[b + 4]
    redis.call('HINCRBY', KEYS[2], 'orders', 1)
    redis.call('HINCRBY', KEYS[2], 'items', ARGV[b + 2])
    redis.call('HINCRBY', KEYS[2], 'gmv', ARGV[b + 3])
    redis.call('HINCRBY', KEYS[3], pid .. ':o', 1)
    redis.call('HINCRBY', KEYS[3], pid .. ':i', ARGV[b + 2])
    redis.call('HINCRBY', KEYS[3], pid .. ':g', ARGV[b + 3])
    redis.call('HINCRBY', KEYS[4], minute .. ':o', 1)
    redis.call('HINCRBY', KEYS[4], minute .. ':g', ARGV[b + 3])
    if ARGV[b + 5] ~= '' then
      redis.call('PFADD', KEYS[5], ARGV[b + 5])
    end
    applied = applied + 1
  end
end
if applied > 0 then
  redis.call('HSET', KEYS[2], 'updated', ARGV[1])
end
for _, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, ARGV[2])
end
return applied
