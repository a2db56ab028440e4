namespace Aquila.Matching.Redis;

/// <summary>
/// The Lua scripts of the Redis store. Each touches the keys of one hash tag only, so it runs atomically on one
/// Cluster slot. Postings live in bucket hashes (<see cref="RedisProjectKeys.Bucket"/>): field = key index + re-keyed
/// token, value = the token's postings packed back to back, 17 bytes each: party byte + sealed handle
/// (<see cref="RedisPostingCipher"/>). A party suppressed on the token by the fanout rule holds one entry whose sealed
/// handle is 16 zero bytes (a marker) and no postings of it.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// The shard script: one call stores a slice of a batch's tokens of one shard (thousands) and finds their holders.
    /// KEYS[1] = the shard's suppressed-token counts, KEYS[2..] = the bucket hashes of the slice. ARGV[1] = party byte,
    /// ARGV[2] = max fanout, ARGV[1 + k] = the tokens of bucket KEYS[k], 33 bytes each (17-byte field, 16-byte sealed
    /// handle); equal tokens are adjacent and always in the same call. Per bucket one HMGET reads every token of the
    /// slice and one HSET writes the grown ones; a token new to the store takes a short path (nothing to pair). A token's postings of this batch are all added before it is paired (a
    /// party crossing the fanout on a token loses its postings of it and gets the marker), as in the embedded store;
    /// then, unless the party is suppressed on the token, the other parties' postings are returned: flat pairs (position
    /// of the token's first occurrence in the call, from 0; the other parties' entries, 17 bytes each). Postings already
    /// present (a resend) are paired again: pairing is idempotent, so a batch interrupted half-way finds all its hits
    /// when resent.
    /// </summary>
    public const string StorePostings = """
        local party = ARGV[1]
        local maxFanout = tonumber(ARGV[2])
        local marker = string.rep(string.char(0), 16)
        local sub = string.sub
        local result = {}
        local position = 0
        for b = 2, #KEYS do
          local key = KEYS[b]
          local packed = ARGV[1 + b]
          local fields = {}
          local firsts = {}
          local lasts = {}
          local previous = false
          local n = 0
          for at = 1, #packed, 33 do
            local f = sub(packed, at, at + 16)
            if f ~= previous then
              n = n + 1
              fields[n] = f
              firsts[n] = at
              previous = f
            end
            lasts[n] = at
          end
          local values = {}
          for c = 1, n, 1000 do
            local part = redis.call('HMGET', key, unpack(fields, c, math.min(c + 999, n)))
            for j = 1, #part do values[c + j - 1] = part[j] end
          end
          local writes = {}
          local w = 0
          for j = 1, n do
            local value = values[j]
            local first, last = firsts[j], lasts[j]
            local write = nil
            if not value then
              local sealed = sub(packed, first + 17, first + 32)
              write = party .. sealed
              if last > first then
                local own = {[sealed] = true}
                local parts = {write}
                for at = first + 33, last, 33 do
                  sealed = sub(packed, at + 17, at + 32)
                  if not own[sealed] then
                    own[sealed] = true
                    parts[#parts + 1] = party .. sealed
                  end
                end
                if #parts > maxFanout then
                  write = party .. marker
                  redis.call('HINCRBY', KEYS[1], party, 1)
                else
                  write = table.concat(parts)
                end
              end
            else
              local rest = {}
              local holders = {}
              local own = {}
              local count = 0
              local suppressed = false
              for at = 1, #value, 17 do
                local entry = sub(value, at, at + 16)
                local sealed = sub(entry, 2)
                if sub(entry, 1, 1) == party then
                  if sealed == marker then suppressed = true else own[sealed] = true; count = count + 1 end
                else
                  rest[#rest + 1] = entry
                  if sealed ~= marker then holders[#holders + 1] = entry end
                end
              end
              if not suppressed then
                local added = {}
                for at = first, last, 33 do
                  local sealed = sub(packed, at + 17, at + 32)
                  if not own[sealed] then
                    own[sealed] = true
                    count = count + 1
                    added[#added + 1] = party .. sealed
                  end
                end
                if count > maxFanout then
                  suppressed = true
                  write = table.concat(rest) .. party .. marker
                  redis.call('HINCRBY', KEYS[1], party, 1)
                elseif #added > 0 then
                  write = value .. table.concat(added)
                end
                if not suppressed and #holders > 0 then
                  result[#result + 1] = position + (first - 1) / 33
                  result[#result + 1] = table.concat(holders)
                end
              end
            end
            if write then
              writes[w + 1] = fields[j]
              writes[w + 2] = write
              w = w + 2
            end
          end
          for c = 1, w, 1000 do
            redis.call('HSET', key, unpack(writes, c, math.min(c + 999, w)))
          end
          position = position + #packed / 33
        end
        return result
        """;

    /// <summary>
    /// Opens the stored layout. KEYS[1] = the project definition, KEYS[2] = the layout version; ARGV[1] = the encoded
    /// definition, ARGV[2] = this code's layout version. Writes both when the project is new (atomically, so no other
    /// instance sees a definition without its version). Returns {stored definition, stored layout version or false}.
    /// </summary>
    public const string OpenLayout = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('SET', KEYS[2], ARGV[2]) end
        return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}
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
