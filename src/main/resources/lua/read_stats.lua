-- Everything LiveSession.stats needs, in one round trip.
-- KEYS: stats hash, per-product hash, buyers HyperLogLog, unique-viewers HyperLogLog, present set,
--       counted-ids set, per-source hash, viewer -> first source hash, present viewer -> join time hash,
--       per-province hash
return {
  redis.call('HGETALL', KEYS[1]),
  redis.call('HGETALL', KEYS[2]),
  redis.call('PFCOUNT', KEYS[3]),
  redis.call('PFCOUNT', KEYS[4]),
  redis.call('SCARD', KEYS[5]),
  redis.call('SCARD', KEYS[6]),
  redis.call('HGETALL', KEYS[7]),
  redis.call('HLEN', KEYS[8]),
  redis.call('HLEN', KEYS[9]),
  redis.call('HGETALL', KEYS[10])
}
