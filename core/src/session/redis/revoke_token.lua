-- onejwt revoke_token: revoke one token for ttl (ms), never shortening an earlier revocation
-- KEYS[1] the token's revocation key; ARGV[1] ttl (ms)
local ttl = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('SET', KEYS[1], '1', 'PX', ttl) end
return 'done'
