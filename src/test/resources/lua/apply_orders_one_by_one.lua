-- The reference for ApplyOrdersScriptTest: apply_orders.lua as it was until 2026-12-07, each order's counters
-- incremented one order at a time. The service's script must leave every counter as this one does.
-- Applies orders to a session's live counters exactly once each, whoever calls it (the write path,
-- a rebuild, the reconciler): an order id already in the counted set changes nothing. An order counts for
-- the traffic source of its buyer's first JOIN; until that JOIN, for OTHER (the buyer is remembered, and
-- viewer_events.lua moves the orders when the JOIN comes).
-- KEYS: counted-ids set, stats hash, per-product hash, per-minute hash, buyers HyperLogLog,
--       viewer -> first source hash, per-source hash, buyer -> orders not yet attributed hash, per-province hash
-- ARGV: now (ms), ttl (s), then per order: id, productId, quantity, amount (cents), minute (epoch), buyerRef,
--       buyer province ('' none)
local applied = 0
for b = 3, #ARGV, 7 do
  if redis.call('SADD', KEYS[1], ARGV[b]) == 1 then
    local pid, minute, buyer, province = ARGV[b + 1], ARGV[b + 4], ARGV[b + 5], ARGV[b + 6]
    redis.call('HINCRBY', KEYS[2], 'orders', 1)
    redis.call('HINCRBY', KEYS[2], 'items', ARGV[b + 2])
    redis.call('HINCRBY', KEYS[2], 'gmv', ARGV[b + 3])
    redis.call('HINCRBY', KEYS[3], pid .. ':o', 1)
    redis.call('HINCRBY', KEYS[3], pid .. ':i', ARGV[b + 2])
    redis.call('HINCRBY', KEYS[3], pid .. ':g', ARGV[b + 3])
    redis.call('HINCRBY', KEYS[4], minute .. ':o', 1)
    redis.call('HINCRBY', KEYS[4], minute .. ':g', ARGV[b + 3])
    local source = false
    if buyer ~= '' then
      redis.call('PFADD', KEYS[5], buyer)
      source = redis.call('HGET', KEYS[6], buyer)
    end
    if source then
      redis.call('HINCRBY', KEYS[7], source .. ':o', 1)
    else
      redis.call('HINCRBY', KEYS[7], 'OTHER:o', 1)
      if buyer ~= '' then
        redis.call('HINCRBY', KEYS[8], buyer, 1)
      end
    end
    if province ~= '' then
      redis.call('HINCRBY', KEYS[9], province .. ':o', 1)
      redis.call('HINCRBY', KEYS[9], province .. ':g', ARGV[b + 3])
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
