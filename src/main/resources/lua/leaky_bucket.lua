-- A caller's leaky bucket of cost points (docs/SECURITY.md, "Cost and rate limits"), shared by every instance.
-- KEYS[1] the bucket (a hash: a = points available, t = when, in ms of Redis' clock)
-- ARGV[1] capacity, ARGV[2] restore rate (points a second), ARGV[3] the request's cost
-- Returns {1 taken | 0 throttled, points available after it (a string: Lua numbers lose their fraction)}.
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local held = redis.call('HMGET', KEYS[1], 'a', 't')
local available = tonumber(held[1])
local at = tonumber(held[2])
if available == nil or at == nil then
  available = capacity
else
  available = math.min(capacity, available + math.max(0, now - at) * rate / 1000)
end
local taken = 0
if cost <= available then
  available = available - cost
  taken = 1
end
redis.call('HSET', KEYS[1], 'a', tostring(available), 't', now)
-- a full bucket needs no key: it expires once it would have filled up again
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - available) * 1000 / rate) + 1000)
return {taken, tostring(available)}
