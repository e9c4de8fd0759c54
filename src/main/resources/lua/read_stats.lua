-- Everything LiveSession.stats needs, in one round trip.
-- KEYS: stats hash, per-product hash, buyers HyperLogLog, unique-viewers HyperLogLog, present set,
--       counted-ids set
return {
  redis.call('HGETALL', KEYS[1]),
  redis.call('HGETALL', KEYS[2]),
  redis.call('PFCOUNT', KEYS[3]),
  redis.call('PFCOUNT', KEYS[4]),
  redis.call('SCARD', KEYS[5]),
  redis.call('SCARD', KEYS[6])
}
