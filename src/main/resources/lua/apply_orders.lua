-- Applies orders to a session's live counters exactly once each, whoever calls it (the write path,
-- a rebuild, the reconciler): an order id already in the counted set changes nothing. An order counts for
-- the traffic source of its buyer's first JOIN; until that JOIN, for OTHER (the buyer is remembered, and
-- viewer_events.lua moves the orders when the JOIN comes).
-- The orders new to the set are summed here first, so that each counter of a call is incremented once: a batch
-- of 50 orders of 5 products makes ~60 counter writes instead of ~700 (Redis runs one script at a time, and every
-- reader of the session waits for it).
-- KEYS: counted-ids set, stats hash, per-product hash, per-minute hash, buyers HyperLogLog,
--       viewer -> first source hash, per-source hash, buyer -> orders not yet attributed hash, per-province hash
-- ARGV: now (ms), ttl (s), then per order: id, productId, quantity, amount (cents), minute (epoch), buyerRef,
--       buyer province ('' none)
local sums = {{}, {}, {}, {}, {}, {}, {}, {}, {}}
local function add(k, field, n)
  local t = sums[k]
  t[field] = (t[field] or 0) + n
end
local applied, buyers, seen = 0, {}, {}
for b = 3, #ARGV, 7 do
  if redis.call('SADD', KEYS[1], ARGV[b]) == 1 then
    local pid, items, cents, minute, buyer, province =
      ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), ARGV[b + 4], ARGV[b + 5], ARGV[b + 6]
    add(2, 'orders', 1)
    add(2, 'items', items)
    add(2, 'gmv', cents)
    add(3, pid .. ':o', 1)
    add(3, pid .. ':i', items)
    add(3, pid .. ':g', cents)
    add(4, minute .. ':o', 1)
    add(4, minute .. ':g', cents)
    if buyer ~= '' then
      if not seen[buyer] then
        seen[buyer] = true
        buyers[#buyers + 1] = buyer
      end
      add(8, buyer, 1)
    else
      add(7, 'OTHER:o', 1)
    end
    if province ~= '' then
      add(9, province .. ':o', 1)
      add(9, province .. ':g', cents)
    end
    applied = applied + 1
  end
end
if #buyers > 0 then
  redis.call('PFADD', KEYS[5], unpack(buyers))
  -- A buyer whose first JOIN is known counts for its source; the others for OTHER, remembered as not yet attributed.
  local sources = redis.call('HMGET', KEYS[6], unpack(buyers))
  for i, buyer in ipairs(buyers) do
    local n = sums[8][buyer]
    if sources[i] then
      sums[8][buyer] = nil
      add(7, sources[i] .. ':o', n)
    else
      add(7, 'OTHER:o', n)
    end
  end
end
for k = 2, 9 do
  for field, n in pairs(sums[k]) do
    redis.call('HINCRBY', KEYS[k], field, string.format('%d', n))
  end
end
if applied > 0 then
  redis.call('HSET', KEYS[2], 'updated', ARGV[1])
end
for _, key in ipairs(KEYS) do
  redis.call('EXPIRE', key, ARGV[2])
end
return applied
