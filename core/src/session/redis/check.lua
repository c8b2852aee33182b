-- onejwt check: is this token revoked?
-- KEYS[1] the session hash, KEYS[2] the token's revocation key
-- ARGV[1] "1" when the token belongs to a session, ARGV[2] a refresh token's generation or "",
-- ARGV[3] now (Unix ms)
if redis.call('EXISTS', KEYS[2]) == 1 then return 'revoked' end
if ARGV[1] ~= '1' then return 'valid' end
local s = redis.call('HMGET', KEYS[1], 'g', 'p', 'r')
if s[3] == '1' then return 'revoked' end
if ARGV[2] == '' then return 'valid' end
if not s[1] then return 'revoked' end
local g, current = tonumber(ARGV[2]), tonumber(s[1])
if g == current or (g + 1 == current and tonumber(ARGV[3]) < tonumber(s[2])) then return 'valid' end
return 'revoked'
