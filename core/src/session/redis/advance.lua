-- onejwt advance: redeem a generation (compare-and-set); an older one revokes the session
-- KEYS[1] the session hash; ARGV[1] the generation, ARGV[2] now (Unix ms),
-- ARGV[3] until when the replaced generation stays acceptable (Unix ms), ARGV[4] ttl (ms)
local s = redis.call('HMGET', KEYS[1], 'g', 'p', 'r', 'd')
if not s[1] then return {'unknown'} end
if s[3] == '1' then return {'revoked'} end
local g, current = tonumber(ARGV[1]), tonumber(s[1])
if g == current then
  redis.call('HSET', KEYS[1], 'g', tostring(current + 1), 'p', ARGV[3])
  local ttl = tonumber(ARGV[4])
  if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
  return {'advanced', tostring(current + 1), s[4]}
end
if g + 1 == current and tonumber(ARGV[2]) < tonumber(s[2]) then
  return {'grace', tostring(current), s[4]}
end
redis.call('HSET', KEYS[1], 'r', '1')
return {'reused'}
