namespace Aquila.Matching.Redis;

/// <summary>
/// The Lua scripts of the Redis store. Each touches the keys of one hash tag only, so it runs atomically on one
/// Cluster slot. Token hashes hold fields <c>p‹party›‹tag›</c> = sealed handle (a posting), <c>n‹party›</c> = the
/// party's posting count and <c>s‹party›</c> = suppressed by the fanout rule (‹party› is one byte).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// The shard script. KEYS[1] = the shard's suppressed-token counts, KEYS[2..] = token hashes (equal tokens are
    /// adjacent and always in the same call). ARGV[1] = party byte, ARGV[2] = max fanout, then per token its posting
    /// tag and sealed handle. First adds every posting (a party crossing the fanout on a token loses its postings of
    /// it), then, for every posting of the call whose party is not suppressed on its token, returns the other parties'
    /// postings: flat triples (token position from 0, party byte, sealed handle). Postings already present (a resend)
    /// are paired again: pairing is idempotent, so a batch interrupted half-way finds all its hits when resent.
    /// </summary>
    public const string AddPostings = """
        local party = ARGV[1]
        local maxFanout = tonumber(ARGV[2])
        local count = #KEYS - 1
        local own = 'p' .. party
        for i = 1, count do
          local key = KEYS[i + 1]
          if redis.call('HEXISTS', key, 's' .. party) == 0 then
            if redis.call('HSETNX', key, own .. ARGV[1 + 2 * i], ARGV[2 + 2 * i]) == 1 then
              if redis.call('HINCRBY', key, 'n' .. party, 1) > maxFanout then
                local fields = redis.call('HKEYS', key)
                for _, f in ipairs(fields) do
                  if string.sub(f, 1, 2) == own then redis.call('HDEL', key, f) end
                end
                redis.call('HDEL', key, 'n' .. party)
                redis.call('HSET', key, 's' .. party, '1')
                redis.call('HINCRBY', KEYS[1], party, 1)
              end
            end
          end
        end
        local result = {}
        local seen = {}
        local holders = {}
        for i = 1, count do
          local key = KEYS[i + 1]
          local posting = key .. ARGV[1 + 2 * i]
          if not seen[posting] then
            seen[posting] = true
            if holders[key] == nil then
              if redis.call('HEXISTS', key, 's' .. party) == 0 then
                holders[key] = redis.call('HGETALL', key)
              else
                holders[key] = false
              end
            end
            local flat = holders[key]
            if flat then
              for j = 1, #flat, 2 do
                local f = flat[j]
                if string.sub(f, 1, 1) == 'p' and string.sub(f, 2, 2) ~= party then
                  result[#result + 1] = i - 1
                  result[#result + 1] = string.sub(f, 2, 2)
                  result[#result + 1] = flat[j + 1]
                end
              end
            end
          end
        end
        return result
        """;

    /// <summary>
    /// The per-party script. KEYS[1] = the party's hit states (hit id → 8-byte key mask), KEYS[2] = its hit stream,
    /// KEYS[3] = its hits by band, KEYS[4] (submitting party only) = the batch's count of entries appended to its stream,
    /// which survives an interrupted attempt so the receipt counts them all. ARGV[1] = the band of each key index (one byte each), then per hit: hit id, the
    /// agreeing keys found (8-byte mask), other party byte, sealed own handle, '1' when this party is the lower party
    /// number of the pair (it counts the hit's band). A hit whose mask grows gets one stream entry (id 0-‹sequence›)
    /// with its new state; a hit whose mask does not grow gets none, so appending is idempotent. Returns the number of
    /// entries appended.
    /// </summary>
    public const string AppendHits = """
        local bands = ARGV[1]
        local zero = string.rep(string.char(0), 8)
        local function best(mask)
          local b = 0
          for j = 1, 8 do
            local byte = string.byte(mask, j)
            if byte ~= 0 then
              for k = 0, 7 do
                if bit.band(byte, bit.lshift(1, k)) ~= 0 then
                  local kb = string.byte(bands, (j - 1) * 8 + k + 1) or 0
                  if kb > b then b = kb end
                end
              end
            end
          end
          return b
        end
        local length = redis.call('XLEN', KEYS[2])
        local appended = 0
        for i = 2, #ARGV, 5 do
          local id = ARGV[i]
          local found = ARGV[i + 1]
          local old = redis.call('HGET', KEYS[1], id)
          if not old then old = zero end
          local parts = {}
          local changed = false
          for j = 1, 8 do
            local a = string.byte(old, j)
            local v = bit.bor(a, string.byte(found, j))
            if v ~= a then changed = true end
            parts[j] = string.char(v)
          end
          if changed then
            local new = table.concat(parts)
            redis.call('HSET', KEYS[1], id, new)
            length = length + 1
            local kind = 'u'
            if old == zero then kind = 'n' end
            redis.call('XADD', KEYS[2], '0-' .. length, 'i', id, 'h', ARGV[i + 3], 'o', ARGV[i + 2], 'm', new, 'k', kind)
            if ARGV[i + 4] == '1' then
              if old ~= zero then redis.call('HINCRBY', KEYS[3], best(old), -1) end
              redis.call('HINCRBY', KEYS[3], best(new), 1)
            end
            appended = appended + 1
          end
        end
        if KEYS[4] and appended > 0 then redis.call('INCRBY', KEYS[4], appended) end
        return appended
        """;

    /// <summary>
    /// Claims a batch id for a content hash. KEYS[1] = receipt, KEYS[2] = claim; ARGV[1] = content hash (hex).
    /// Returns {'r', receipt} when the batch was accepted before, {'c', hash} when it is claimed with another content,
    /// and {'ok'} when the claim is (now) this content's.
    /// </summary>
    public const string Claim = """
        local receipt = redis.call('GET', KEYS[1])
        if receipt then return {'r', receipt} end
        local claimed = redis.call('GET', KEYS[2])
        if claimed and claimed ~= ARGV[1] then return {'c', claimed} end
        redis.call('SET', KEYS[2], ARGV[1])
        return {'ok'}
        """;

    /// <summary>
    /// Writes the receipt last. KEYS[1] = receipt, KEYS[2] = the party's counts, KEYS[3] = claim, KEYS[4] = the batch's
    /// appended-entry count; ARGV[1] = receipt text without the entry count and sequence, ARGV[2] = records, ARGV[3] = tokens. SET NX: when another instance wrote the receipt first,
    /// its receipt is returned and nothing is counted twice. Returns {1 = written / 0 = existed, receipt}.
    /// </summary>
    public const string CommitReceipt = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return {0, existing} end
        local sequence = redis.call('HINCRBY', KEYS[2], 'batches', 1)
        redis.call('HINCRBY', KEYS[2], 'records', ARGV[2])
        redis.call('HINCRBY', KEYS[2], 'tokens', ARGV[3])
        local events = redis.call('GET', KEYS[4]) or '0'
        local receipt = ARGV[1] .. '|' .. events .. '|' .. sequence
        redis.call('SET', KEYS[1], receipt, 'NX')
        redis.call('DEL', KEYS[3], KEYS[4])
        return {1, receipt}
        """;
}
