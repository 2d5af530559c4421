import { CacheScript } from '@pulse/cache';

/**
 * `takeFromBucket` (token-bucket.ts) in Lua, step for step, so that one tenant's bucket is refilled and taken
 * from atomically by whichever replica asks. The time is an argument, not Redis's `TIME`: the request's receive
 * time, as in memory (and a test can hold it still). Numbers are doubles in both languages and are stored with
 * 17 significant digits, so Redis and memory compute the same tokens. The key expires once the bucket would be
 * full again (plus a minute): a missing bucket is a full one.
 *
 * KEYS[1]: the tenant's bucket, a hash { tokens, updated_at_ms }.
 * ARGV: now (ms), events, events per second (> 0), burst.
 * Returns { allowed (1 or 0), retry-after seconds (0 when allowed), tokens left, bucket time (ms) }, the last two as strings.
 */
export const TOKEN_BUCKET_SCRIPT = new CacheScript(`
local now = tonumber(ARGV[1])
local events = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'updated_at_ms')
local tokens = burst
local updated = now
if stored[1] and stored[2] then
  local elapsed = math.max(0, now - tonumber(stored[2]))
  tokens = math.min(burst, tonumber(stored[1]) + (elapsed / 1000) * rate)
  updated = math.max(tonumber(stored[2]), now)
end
local needed = math.min(events, burst)
local allowed = 0
local retry_after = 0
if tokens >= needed then
  tokens = tokens - events
  allowed = 1
else
  retry_after = math.max(1, math.ceil((needed - tokens) / rate))
end
local tokens_text = string.format('%.17g', tokens)
local updated_text = string.format('%.17g', updated)
redis.call('HSET', KEYS[1], 'tokens', tokens_text, 'updated_at_ms', updated_text)
redis.call('PEXPIRE', KEYS[1], math.max(0, math.ceil(((burst - tokens) / rate) * 1000)) + 60000)
return { allowed, retry_after, tokens_text, updated_text }
`);
