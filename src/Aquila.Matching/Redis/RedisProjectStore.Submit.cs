using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Submitting a batch: claim the batch id, store postings shard by shard, append hits party by party, write the receipt last.
public sealed partial class RedisProjectStore
{
    private const int TokensPerShardCall = 4096;
    private const int HitsPerPartyCall = 256;
    private const int ShardCallsInFlight = 8;

    /// <inheritdoc/>
    /// <remarks>
    /// Stages: (1) claim the batch id for its content hash (a resend with other content is a conflict); (2) the shard
    /// script, one call per shard and slice of up to 4,096 tokens, stores the postings and returns the other holders; (3) agreeing keys are grouped by record pair and each
    /// party's script appends the hits whose key mask grew; (4) the receipt is written with SET NX. Every stage is
    /// idempotent, so a batch interrupted anywhere (instance killed, Redis node down) is simply resent.
    /// <paramref name="ct"/> is honoured until the batch id is claimed.
    /// </remarks>
    public async Task<SubmitOutcome> SubmitAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(batch);
        var partyNumber = PartyNumber(party);
        var problem = Check(party, partyNumber, batchId.Span, contentHash.Span, batch);
        if (problem is not null)
        {
            RedisStoreLog.BatchRefused(_logger, party, Definition.ProjectId, problem);
            return new SubmitOutcome(SubmitStatus.Refused, null, problem);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ct.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var batchIdHex = Convert.ToHexStringLower(batchId.Span);
        var hashHex = Convert.ToHexStringLower(contentHash.Span);
        var receiptKey = _keys.Receipt(partyNumber, batchIdHex);
        var claimKey = _keys.Claim(partyNumber, batchIdHex);
        try
        {
            var claim = (RedisResult[])(await _db.ScriptEvaluateAsync(RedisScripts.Claim, [receiptKey, claimKey], [hashHex]).ConfigureAwait(false))!;
            switch ((string?)claim[0])
            {
                case "r":
                    return Resent(RedisReceiptCodec.Decode(party, batchId.Span, (string)claim[1]!), party, batchIdHex, contentHash.Span);
                case "c":
                    RedisStoreLog.BatchConflict(_logger, batchIdHex, party, Definition.ProjectId);
                    return new SubmitOutcome(SubmitStatus.Conflict, null,
                        $"Batch {batchIdHex} is being submitted, or was interrupted, with other content. Resend the original content, or use a new batch id.");
            }

            await StageAsync(RedisSubmitStage.Claimed).ConfigureAwait(false);
            var pairs = await StorePostingsAsync(partyNumber, batch).ConfigureAwait(false);
            await StageAsync(RedisSubmitStage.PostingsStored).ConfigureAwait(false);
            var eventsKey = _keys.BatchEvents(partyNumber, batchIdHex);
            await AppendHitsAsync(partyNumber, pairs, eventsKey).ConfigureAwait(false);
            await StageAsync(RedisSubmitStage.HitsAppended).ConfigureAwait(false);

            var acceptedAt = _options.TimeProvider.GetUtcNow();
            var text = RedisReceiptCodec.Encode(hashHex, batch.RecordCount, batch.TokenCount, acceptedAt);
            var committed = (RedisResult[])(await _db.ScriptEvaluateAsync(RedisScripts.CommitReceipt,
                [receiptKey, _keys.Counts(partyNumber), claimKey, eventsKey],
                [text, batch.RecordCount, batch.TokenCount]).ConfigureAwait(false))!;
            var receipt = RedisReceiptCodec.Decode(party, batchId.Span, (string)committed[1]!);
            if ((int)committed[0] == 0)
            {
                // Another instance finished the same batch first; its receipt is the one.
                return Resent(receipt, party, batchIdHex, contentHash.Span);
            }

            RedisStoreLog.BatchAccepted(_logger, batchIdHex, party, Definition.ProjectId, receipt.Records, receipt.Tokens, receipt.NewHitEvents,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new SubmitOutcome(SubmitStatus.Accepted, receipt, null);
        }
        catch (RedisException e)
        {
            throw Unavailable(_logger, e, "a submission", Definition.ProjectId);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<BatchReceipt?> FindReceiptAsync(string party, ReadOnlyMemory<byte> batchId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        var number = PartyNumber(party);
        if (number < 0 || batchId.Length != BatchRecordCodec.BatchIdSize)
        {
            return null;
        }

        try
        {
            var text = await _db.StringGetAsync(_keys.Receipt(number, Convert.ToHexStringLower(batchId.Span))).ConfigureAwait(false);
            return text.IsNull ? null : RedisReceiptCodec.Decode(party, batchId.Span, (string)text!);
        }
        catch (RedisException e)
        {
            throw Unavailable(_logger, e, "a receipt lookup", Definition.ProjectId);
        }
    }

    private async ValueTask StageAsync(RedisSubmitStage stage)
    {
        if (_options.StageHook is { } hook)
        {
            await hook(stage).ConfigureAwait(false);
        }
    }

    private SubmitOutcome Resent(BatchReceipt previous, string party, string batchIdHex, ReadOnlySpan<byte> contentHash)
    {
        if (previous.ContentHash.Span.SequenceEqual(contentHash))
        {
            RedisStoreLog.BatchResent(_logger, batchIdHex, party, Definition.ProjectId);
            return new SubmitOutcome(SubmitStatus.AlreadyAccepted, previous, null);
        }

        RedisStoreLog.BatchConflict(_logger, batchIdHex, party, Definition.ProjectId);
        return new SubmitOutcome(SubmitStatus.Conflict, null,
            $"Batch {batchIdHex} was already accepted with other content. Resend the original content, or use a new batch id.");
    }

    // Stores the batch's postings through the shard script and groups what agrees by record pair (hit id).
    private async Task<Dictionary<HitId, PairFound>> StorePostingsAsync(int party, TokenBatch batch)
    {
        var tokenCount = batch.TokenCount;
        var rekeyed = ArrayPool<byte>.Shared.Rent(tokenCount * TokenRekeyer.TokenSize);
        try
        {
            _rekeyer.RekeyMany(batch.TokenBytes, rekeyed);
            var refs = new TokenRef[tokenCount];
            for (var record = 0; record < batch.RecordCount; record++)
            {
                var range = batch.GetTokenRange(record);
                for (var t = range.Start.Value; t < range.End.Value; t++)
                {
                    var token = rekeyed.AsSpan(t * 16, 16);
                    refs[t] = new TokenRef(t, record, _keys.ShardOf(token), RedisProjectKeys.BucketOf(token), batch.GetKeyIndex(t));
                }
            }

            // Equal (key index, token) pairs must meet in one script call: all of a batch's postings of a token are added
            // before any is paired, as in the embedded store, so the fanout rule decides the same way.
            Array.Sort(refs, (x, y) =>
            {
                var order = x.Shard.CompareTo(y.Shard);
                if (order == 0)
                {
                    order = x.Bucket.CompareTo(y.Bucket);
                }

                if (order == 0)
                {
                    order = x.KeyIndex.CompareTo(y.KeyIndex);
                }

                return order != 0 ? order : rekeyed.AsSpan(x.Token * 16, 16).SequenceCompareTo(rekeyed.AsSpan(y.Token * 16, 16));
            });

            var sealedHandles = SealHandles(party, batch);
            var calls = new List<(int Start, Task<RedisResult> Result)>();
            var answered = 0;
            var start = 0;
            while (start < refs.Length)
            {
                var shard = refs[start].Shard;
                var end = start + 1;
                while (end < refs.Length && refs[end].Shard == shard
                    && (end - start < TokensPerShardCall || SameToken(refs[end - 1], refs[end], rekeyed)))
                {
                    end++;
                }

                calls.Add((start, ShardCallAsync(party, refs.AsSpan(start, end - start), rekeyed, sealedHandles)));
                start = end;
                while (calls.Count - answered >= ShardCallsInFlight)
                {
                    // A sliding window: a batch of a million records must not hold every call's arguments at once, and
                    // the calls queued in Redis (every concurrent batch's) must stay well inside the client's timeout.
                    await calls[answered++].Result.ConfigureAwait(false);
                }
            }

            await Task.WhenAll(calls.Select(c => c.Result)).ConfigureAwait(false);
            return GroupByPair(party, batch, refs, rekeyed, calls);
        }
        finally
        {
            // Re-keyed tokens must not linger in pooled memory.
            Array.Clear(rekeyed, 0, tokenCount * TokenRekeyer.TokenSize);
            ArrayPool<byte>.Shared.Return(rekeyed);
        }
    }

    // Every record's handle sealed for postings, 16 bytes per record, in one pass.
    private byte[] SealHandles(int party, TokenBatch batch)
    {
        var handles = new byte[batch.RecordCount * RedisPostingCipher.Size];
        for (var record = 0; record < batch.RecordCount; record++)
        {
            batch.GetHandle(record).CopyTo(handles.AsSpan(record * RedisPostingCipher.Size));
        }

        var sealedHandles = new byte[handles.Length];
        _postings.Seal(party, handles, sealedHandles);
        return sealedHandles;
    }

    // One shard script call for a slice of one shard's tokens (sorted by bucket): a key and a packed argument per bucket.
    private Task<RedisResult> ShardCallAsync(int party, ReadOnlySpan<TokenRef> slice, byte[] rekeyed, byte[] sealedHandles)
    {
        const int entry = 1 + TokenRekeyer.TokenSize + RedisPostingCipher.Size;
        var shard = slice[0].Shard;
        var keys = new List<RedisKey> { _keys.Suppressed(shard) };
        var args = new List<RedisValue> { new[] { (byte)party }, Definition.MaxFanout };
        var at = 0;
        while (at < slice.Length)
        {
            var bucket = slice[at].Bucket;
            var end = at + 1;
            while (end < slice.Length && slice[end].Bucket == bucket)
            {
                end++;
            }

            var packed = new byte[(end - at) * entry];
            for (var i = at; i < end; i++)
            {
                var r = slice[i];
                var into = packed.AsSpan((i - at) * entry, entry);
                into[0] = r.KeyIndex;
                rekeyed.AsSpan(r.Token * 16, 16).CopyTo(into[1..]);
                sealedHandles.AsSpan(r.Record * RedisPostingCipher.Size, RedisPostingCipher.Size).CopyTo(into[(1 + TokenRekeyer.TokenSize)..]);
            }

            keys.Add(_keys.Bucket(shard, bucket));
            args.Add(packed);
            at = end;
        }

        return _db.ScriptEvaluateAsync(RedisScripts.StorePostings, [.. keys], [.. args]);
    }

    private Dictionary<HitId, PairFound> GroupByPair(int party, TokenBatch batch, TokenRef[] refs, byte[] rekeyed, List<(int Start, Task<RedisResult> Result)> calls)
    {
        // First every holder's sealed handle, by party, so each party's handles open in one call.
        const int entry = 1 + RedisPostingCipher.Size;
        var holders = new List<(int Ref, byte Party, int Index)>();
        var sealedByParty = new List<byte>[Definition.Parties.Count];
        foreach (var (callStart, result) in calls)
        {
            var flat = (RedisResult[])result.Result!;
            for (var i = 0; i + 1 < flat.Length; i += 2)
            {
                var first = callStart + (int)flat[i];
                var packed = (byte[])flat[i + 1]!;
                for (var at = 0; at + entry <= packed.Length; at += entry)
                {
                    var other = packed[at];
                    if (other >= Definition.Parties.Count || other == party)
                    {
                        throw new InvalidDataException($"Redis holds a posting of party number {other}, outside the roster of project {Definition.ProjectId}.");
                    }

                    var list = sealedByParty[other] ??= [];
                    holders.Add((first, other, list.Count / RedisPostingCipher.Size));
                    list.AddRange(packed.AsSpan(at + 1, RedisPostingCipher.Size));
                }
            }
        }

        var opened = new byte[sealedByParty.Length][];
        for (var p = 0; p < sealedByParty.Length; p++)
        {
            if (sealedByParty[p] is { } list)
            {
                opened[p] = new byte[list.Count];
                _postings.Open(p, list.ToArray(), opened[p]);
            }
        }

        var pairs = new Dictionary<HitId, PairFound>();
        var ownCode = Definition.Parties[party];
        foreach (var (first, other, index) in holders)
        {
            var otherHandle = opened[other].AsSpan(index * RedisPostingCipher.Size, RecordHandle.Size);
            // Every own posting of the token in this batch pairs with the holder (equal tokens are adjacent).
            for (var k = first; k < refs.Length && (k == first || SameToken(refs[first], refs[k], rekeyed)); k++)
            {
                var r = refs[k];
                var ownHandle = batch.GetHandle(r.Record);
                var id = HitIdentity.Compute(Definition.ProjectId, ownCode, ownHandle, Definition.Parties[other], otherHandle);
                if (!pairs.TryGetValue(id, out var pair))
                {
                    pair = new PairFound(ownHandle.ToArray(), other, otherHandle.ToArray());
                    pairs.Add(id, pair);
                }

                pair.Mask |= 1UL << r.KeyIndex;
            }
        }

        return pairs;
    }

    // Hands each party its side of each pair; the submitting party's script counts its entries in eventsKey.
    private async Task AppendHitsAsync(int party, Dictionary<HitId, PairFound> pairs, RedisKey eventsKey)
    {
        var sides = new List<RedisValue>[Definition.Parties.Count];
        Span<byte> id = stackalloc byte[HitId.Size];
        foreach (var (hitId, pair) in pairs)
        {
            hitId.WriteTo(id);
            var idBytes = id.ToArray();
            var mask = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(mask, pair.Mask);
            AddSide(sides, party, idBytes, mask, pair.OtherParty, _cipher.Seal(pair.OwnHandle, party), party < pair.OtherParty);
            AddSide(sides, pair.OtherParty, idBytes, mask, party, _cipher.Seal(pair.OtherHandle, pair.OtherParty), pair.OtherParty < party);
        }

        var perParty = new Task<long>[sides.Length];
        for (var p = 0; p < sides.Length; p++)
        {
            perParty[p] = sides[p] is { } entries ? AppendPartyAsync(p, entries, p == party ? eventsKey : (RedisKey?)null) : Task.FromResult(0L);
        }

        await Task.WhenAll(perParty).ConfigureAwait(false);
        for (var p = 0; p < sides.Length; p++)
        {
            if (perParty[p].Result > 0)
            {
                _signals[p].Signal();
            }
        }
    }

    private static void AddSide(List<RedisValue>[] sides, int party, byte[] id, byte[] mask, int other, byte[] sealedHandle, bool lower)
    {
        var entries = sides[party] ??= [];
        entries.Add(id);
        entries.Add(mask);
        entries.Add(new[] { (byte)other });
        entries.Add(sealedHandle);
        entries.Add(lower ? "1" : "0");
    }

    // One party's entries in order, a chunk per script call, so its stream order follows the batch.
    private async Task<long> AppendPartyAsync(int party, List<RedisValue> entries, RedisKey? eventsKey)
    {
        RedisKey[] keys = eventsKey is { } counter
            ? [_keys.Pairs(party), _keys.Hits(party), _keys.Bands(party), counter]
            : [_keys.Pairs(party), _keys.Hits(party), _keys.Bands(party)];
        const int perHit = 5;
        long appended = 0;
        for (var at = 0; at < entries.Count; at += HitsPerPartyCall * perHit)
        {
            var count = Math.Min(HitsPerPartyCall * perHit, entries.Count - at);
            var args = new RedisValue[1 + count];
            args[0] = _bandTable;
            entries.CopyTo(at, args, 1, count);
            appended += (long)await _db.ScriptEvaluateAsync(RedisScripts.AppendHits, keys, args).ConfigureAwait(false);
        }

        return appended;
    }

    private static bool SameToken(TokenRef a, TokenRef b, byte[] rekeyed) =>
        a.KeyIndex == b.KeyIndex && rekeyed.AsSpan(a.Token * 16, 16).SequenceEqual(rekeyed.AsSpan(b.Token * 16, 16));

    // Why a batch cannot be accepted, or null; the same rules and messages as the embedded store. Never a value.
    private string? Check(string party, int partyNumber, ReadOnlySpan<byte> batchId, ReadOnlySpan<byte> contentHash, TokenBatch batch) =>
        SubmissionRules.Check(Definition, _options.MaxBatchRecords, party, partyNumber, batchId, contentHash, batch);

    private readonly record struct TokenRef(int Token, int Record, int Shard, int Bucket, byte KeyIndex);

    private sealed class PairFound(byte[] ownHandle, int otherParty, byte[] otherHandle)
    {
        public byte[] OwnHandle { get; } = ownHandle;

        public int OtherParty { get; } = otherParty;

        public byte[] OtherHandle { get; } = otherHandle;

        public ulong Mask { get; set; }
    }
}
