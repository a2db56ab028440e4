using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Aquila.Matching.Index;

/// <summary>
/// A project's in-memory index from (key index, re-keyed 16-byte token) to the postings (party, record ordinal) that
/// hold it, with the per-party fanout rule: once more than <see cref="MaxFanout"/> records of one party share a
/// token, that party's postings for it are counted but never used for hits; other parties are unaffected.
/// </summary>
/// <remarks>
/// Layout: distinct tokens are 18-byte <see cref="IndexEntry"/> values in fixed-size chunks (they never move, so
/// growth copies nothing but the bucket array); an open-addressing, linear-probing bucket array of 8-byte slots (entry
/// id + the high half of the token's mixed word as a fingerprint, so probes rarely touch an entry, and the entry need
/// not store those 32 bits of the token). A token's home slot is its fingerprint scaled to the table size, so the table
/// can be any size: it grows by half when more than 17/20 full (load 0.57-0.85; growing by a quarter kept it fuller but
/// moved every bucket about five times instead of three, which cost more than the inserts at 35M tokens), and growing
/// reads only the old bucket array. Postings beyond the first of a token live in a pooled <see cref="PostingPool"/>. Tokens must already be
/// re-keyed (<see cref="TokenRekeyer"/>), so a party cannot aim bucket collisions without K_server; the mix still
/// spreads non-random test input. Not thread-safe: one writer per project.
/// </remarks>
public sealed partial class TokenIndex
{
    /// <summary>Largest number of parties an index accepts (party numbers 0 to 255).</summary>
    public const int MaxParties = 256;

    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;
    private const int MinBuckets = 16;

    private readonly PostingPool _pool = new();
    private readonly int[] _suppressedTokens = new int[MaxParties];
    private IndexEntry[][] _chunks = [];
    private ulong[] _buckets; // (fingerprint << 32) | (entry + 1); 0 = empty
    private int _entryCount;
    private long _postingCount;

    /// <summary>Creates an empty index.</summary>
    /// <param name="maxFanout">Largest number of one party's records that may share a token and still be used for hits.</param>
    /// <param name="initialCapacity">Expected number of distinct tokens, to avoid early growth.</param>
    public TokenIndex(int maxFanout = 5, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFanout, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        MaxFanout = maxFanout;
        _buckets = new ulong[BucketsFor(initialCapacity)];
    }

    /// <summary>The per-party fanout limit.</summary>
    public int MaxFanout { get; }

    /// <summary>Number of distinct (key index, token) entries, including entries emptied by <see cref="RemoveParty"/>.</summary>
    public int EntryCount => _entryCount;

    /// <summary>Number of postings stored for hits (postings of suppressed parties are not stored).</summary>
    public long PostingCount => _postingCount;

    /// <summary>Current number of buckets.</summary>
    public int BucketCount => _buckets.Length;

    /// <summary>Bytes held by the index's arrays, for memory reporting.</summary>
    public long ApproximateBytes =>
        ((long)_buckets.Length * sizeof(ulong)) + ((long)_chunks.Length * ChunkSize * Unsafe.SizeOf<IndexEntry>()) + _pool.ApproximateBytes;

    /// <summary>Adds the posting (<paramref name="party"/>, <paramref name="ordinal"/>) for a token.</summary>
    /// <param name="keyIndex">Index of the token's match key in the project schema.</param>
    /// <param name="token">The 16-byte re-keyed token.</param>
    /// <param name="party">The party's number, 0 to 255.</param>
    /// <param name="ordinal">The record's ordinal in the party's handle table.</param>
    /// <param name="entry">Receives the entry id of the token.</param>
    public PostingAddResult Add(byte keyIndex, ReadOnlySpan<byte> token, int party, int ordinal, out int entry) =>
        AddPosting(keyIndex, token, party, ordinal, out entry, out _);

    /// <summary>
    /// <see cref="Add(byte, ReadOnlySpan{byte}, int, int, out int)"/>, also saying whether the posting is now the token's only
    /// one (the token was new or emptied): such a posting cannot pair with anything yet.
    /// </summary>
    internal PostingAddResult AddPosting(byte keyIndex, ReadOnlySpan<byte> token, int party, int ordinal, out int entry, out bool alone)
    {
        if ((uint)party >= MaxParties)
        {
            ThrowPartyOutOfRange(party);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        TokenKey.Read(token, out var low, out var high);
        entry = FindOrCreate(keyIndex, low, high);
        ref var e = ref EntryAt(entry);

        alone = !e.HasInline && e.FirstGroup == 0;
        if (alone)
        {
            e.SetInline(party, ordinal);
            _postingCount++;
            return PostingAddResult.Added;
        }

        if (e.HasInline)
        {
            if (e.InlineParty == party && e.InlineOrdinal == ordinal)
            {
                return PostingAddResult.Duplicate;
            }

            // A second posting: move the inline one into the pool so that all postings are grouped by party.
            var inlineGroup = _pool.NewGroup(e.InlineParty, 0);
            _pool.AddOrdinal(inlineGroup, e.InlineOrdinal);
            e.ClearInline();
            e.FirstGroup = inlineGroup;
        }

        var group = e.FirstGroup;
        while (group != 0 && _pool.Party(group) != party)
        {
            group = _pool.NextGroup(group);
        }

        if (group == 0)
        {
            group = _pool.NewGroup(party, e.FirstGroup);
            e.FirstGroup = group;
        }

        if (_pool.IsSuppressed(group))
        {
            _pool.CountOnly(group);
            return PostingAddResult.Suppressed;
        }

        if (_pool.Contains(group, ordinal))
        {
            return PostingAddResult.Duplicate;
        }

        _pool.AddOrdinal(group, ordinal);
        _postingCount++;
        if (_pool.Count(group) <= MaxFanout)
        {
            return PostingAddResult.Added;
        }

        _postingCount -= _pool.Count(group);
        _pool.Suppress(group);
        _suppressedTokens[party]++;
        return PostingAddResult.Suppressed;
    }

    /// <summary>Returns the entry id of a token, or -1 when no record holds it.</summary>
    public int Find(byte keyIndex, ReadOnlySpan<byte> token)
    {
        TokenKey.Read(token, out var low, out var high);
        var (entry, _) = Probe(keyIndex, low, TokenKey.Mix(keyIndex, low, high));
        return entry;
    }

    /// <summary>
    /// Asks the processor to start loading the bucket where a token's <see cref="Add"/> or <see cref="Find"/> will
    /// begin, so that a caller going through a batch can overlap the cache misses of the next tokens with the work on
    /// this one. Only a hint: it changes nothing.
    /// </summary>
    public unsafe void Prefetch(byte keyIndex, ReadOnlySpan<byte> token)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        TokenKey.Read(token, out var low, out var high);
        var buckets = _buckets;
        var slot = Home((uint)(TokenKey.Mix(keyIndex, low, high) >> 32), buckets.Length);
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buckets), slot)));
    }

    /// <summary>The postings of <paramref name="entry"/> usable for hits.</summary>
    public ActivePostingEnumerator GetActivePostings(int entry) => new(_pool, EntryAt(CheckEntry(entry)));

    /// <summary>True when <paramref name="party"/>'s postings for <paramref name="entry"/> are suppressed by the fanout rule.</summary>
    public bool IsSuppressed(int entry, int party)
    {
        var group = GroupOf(CheckEntry(entry), party);
        return group != 0 && _pool.IsSuppressed(group);
    }

    /// <summary>
    /// Number of <paramref name="party"/>'s records holding <paramref name="entry"/>'s token. Once suppressed, the
    /// count is no longer de-duplicated (the ordinals are dropped), so a resent record counts again.
    /// </summary>
    public int CountRecords(int entry, int party)
    {
        ref var e = ref EntryAt(CheckEntry(entry));
        if (e.HasInline)
        {
            return e.InlineParty == party ? 1 : 0;
        }

        var group = GroupOf(entry, party);
        return group == 0 ? 0 : _pool.Count(group);
    }

    /// <summary>Key index of <paramref name="entry"/>.</summary>
    public byte GetKeyIndex(int entry) => EntryAt(CheckEntry(entry)).KeyIndex;

    /// <summary>Number of distinct tokens for which <paramref name="party"/>'s postings are suppressed. Report it only to that party.</summary>
    public int SuppressedTokenCount(int party)
    {
        if ((uint)party >= MaxParties)
        {
            ThrowPartyOutOfRange(party);
        }

        return _suppressedTokens[party];
    }

    /// <summary>
    /// Removes every posting of <paramref name="party"/> (its data set is being replaced) and resets its suppression
    /// count. Entries left without postings stay in the table and are reused if their token returns.
    /// </summary>
    public void RemoveParty(int party)
    {
        if ((uint)party >= MaxParties)
        {
            ThrowPartyOutOfRange(party);
        }

        for (var id = 0; id < _entryCount; id++)
        {
            ref var e = ref EntryAt(id);
            if (e.HasInline)
            {
                if (e.InlineParty == party)
                {
                    e.ClearInline();
                    _postingCount--;
                }

                continue;
            }

            var previous = 0;
            for (var group = e.FirstGroup; group != 0;)
            {
                if (_pool.Party(group) != party)
                {
                    previous = group;
                    group = _pool.NextGroup(group);
                    continue;
                }

                if (!_pool.IsSuppressed(group))
                {
                    _postingCount -= _pool.Count(group);
                }

                var next = _pool.FreeGroup(group);
                if (previous == 0)
                {
                    e.FirstGroup = next;
                }
                else
                {
                    _pool.SetNextGroup(previous, next);
                }

                break; // a party has at most one group per entry
            }
        }

        _suppressedTokens[party] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref IndexEntry EntryAt(int entry) => ref _chunks[entry >> ChunkShift][entry & ChunkMask];

    private int CheckEntry(int entry)
    {
        if ((uint)entry >= (uint)_entryCount)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), $"Entry {entry} is outside the index's {_entryCount} entries.");
        }

        return entry;
    }

    private int GroupOf(int entry, int party)
    {
        var group = EntryAt(entry).FirstGroup;
        while (group != 0 && _pool.Party(group) != party)
        {
            group = _pool.NextGroup(group);
        }

        return group;
    }

    // Slot of a fingerprint in a table of bucketCount slots: the fingerprint scaled to the table (multiply and shift),
    // so any table size works and slot order follows fingerprint order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(uint fingerprint, int bucketCount) => (int)(((ulong)fingerprint * (uint)bucketCount) >> 32);

    // A bucket: the high half of the token's mixed word (its fingerprint) and the entry id + 1 (0 means empty).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bucket(ulong mix, int entry) => (mix & 0xFFFF_FFFF_0000_0000UL) | (uint)(entry + 1);

    // Enough buckets for `tokens` entries without growing (at most 4/5 full), never completely full.
    private static int BucketsFor(int tokens) => (int)Math.Min(Array.MaxLength, Math.Max(MinBuckets, tokens + (tokens / 4L) + 1));

    // At most 17/20 full: with fingerprints in the buckets a probe rarely touches an entry, so long runs cost little.
    private static bool Overloaded(long entries, long buckets) => entries * 20 > buckets * 17;

    // Looks the token up; when absent returns -1 and the empty slot where it belongs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Entry, int Slot) Probe(byte keyIndex, ulong low, ulong mix)
    {
        var buckets = _buckets;
        var fingerprint = (uint)(mix >> 32);
        var slot = Home(fingerprint, buckets.Length);
        while (true)
        {
            var bucket = buckets[slot];
            if (bucket == 0)
            {
                return (-1, slot);
            }

            if ((uint)(bucket >> 32) == fingerprint)
            {
                var entry = (int)(uint)bucket - 1;
                ref var e = ref EntryAt(entry);
                if (e.MixLow == (uint)mix && e.Low == low && e.KeyIndex == keyIndex)
                {
                    return (entry, slot);
                }
            }

            if (++slot == buckets.Length)
            {
                slot = 0;
            }
        }
    }

    private int FindOrCreate(byte keyIndex, ulong low, ulong high)
    {
        var mix = TokenKey.Mix(keyIndex, low, high);
        var (existing, slot) = Probe(keyIndex, low, mix);
        if (existing >= 0)
        {
            return existing;
        }

        if (_entryCount == int.MaxValue - 1)
        {
            throw new InvalidOperationException("The token index is full (2^31 distinct tokens).");
        }

        var entry = _entryCount;
        if ((entry & ChunkMask) == 0 && (entry >> ChunkShift) == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length + 1);
            _chunks[^1] = new IndexEntry[ChunkSize];
        }

        EntryAt(entry).Initialize(keyIndex, low, (uint)mix);
        _buckets[slot] = Bucket(mix, entry);
        _entryCount++;
        if (Overloaded(_entryCount, _buckets.Length))
        {
            Grow();
        }

        return entry;
    }

    // Entries never move, and a bucket holds all a new slot needs (the fingerprint), so growing reads only the old
    // bucket array; in slot order, which is fingerprint order, so the new array is written nearly in order too.
    private void Grow()
    {
        var bucketCount = (int)Math.Min(Array.MaxLength, _buckets.Length + (_buckets.Length / 2L));
        if (Overloaded(_entryCount, bucketCount))
        {
            throw new InvalidOperationException($"The token index cannot grow beyond {_buckets.Length} buckets.");
        }

        _buckets = Rehash(_buckets, bucketCount);
    }

    private static ulong[] Rehash(ulong[] old, int bucketCount)
    {
        var buckets = new ulong[bucketCount];
        foreach (var bucket in old)
        {
            if (bucket != 0)
            {
                Place(buckets, bucket);
            }
        }

        return buckets;
    }

    private static void Place(ulong[] buckets, ulong bucket)
    {
        var slot = Home((uint)(bucket >> 32), buckets.Length);
        while (buckets[slot] != 0)
        {
            if (++slot == buckets.Length)
            {
                slot = 0;
            }
        }

        buckets[slot] = bucket;
    }

    [DoesNotReturn]
    private static void ThrowPartyOutOfRange(int party) =>
        throw new ArgumentOutOfRangeException(nameof(party), $"Party number {party} is outside 0..{MaxParties - 1}.");
}
