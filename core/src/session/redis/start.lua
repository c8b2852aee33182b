-- onejwt start: a new session at generation 0
-- KEYS[1] the session hash; ARGV[1] the record, ARGV[2] ttl (ms)
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
redis.call('HSET', KEYS[1], 'g', '0', 'p', '0', 'r', '0', 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 'started'
