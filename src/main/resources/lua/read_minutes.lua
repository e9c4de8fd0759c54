-- A session's per-minute buckets ('<epochMinute>:o|g|r' → orders, gross cents, refunded cents) as a flat array.
-- KEYS: per-minute hash
return redis.call('HGETALL', KEYS[1])
