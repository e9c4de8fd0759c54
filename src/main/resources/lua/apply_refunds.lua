-- Applies refunds exactly once each (an order id already in the refunded set changes nothing).
-- KEYS: refunded-ids set, stats hash, per-minute hash
-- ARGV: now (ms), ttl (s), then per refund: order id, amount (cents), minute of the ORDER (epoch)
local applied = 0
for b = 3, #ARGV, 3 do
  if redis.call('SADD', KEYS[1], ARGV[b]) == 1 then
    redis.call('HINCRBY', KEYS[2], 'refunds', ARGV[b + 1])
    redis.call('HINCRBY', KEYS[2], 'refundCount', 1)
    redis.call('HINCRBY', KEYS[3], ARGV[b + 2] .. ':r', ARGV[b + 1])
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
