-- onejwt revoke_session: mark a session revoked, kept at least ttl (ms); an unknown one too
-- KEYS[1] the session hash; ARGV[1] ttl (ms)
local ttl = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'r', '1')
  if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
else
  redis.call('HSET', KEYS[1], 'g', '0', 'p', '0', 'r', '1', 'd', '')
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 'done'
