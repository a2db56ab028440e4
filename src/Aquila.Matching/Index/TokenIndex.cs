using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Aquila.Matching.Index;

/// <summary>
/// A project's in-memory index from (key index, re-keyed 16-byte token) to the postings (party, record ordinal) that
/// hold it, with the per-party fanout rule: once more than <see cref="MaxFanout"/> records of one party share a
/// token, that party's postings for it are counted but never used for hits; other parties are unaffected.
/// </summary>
/// <remarks>
/// Layout: distinct tokens are 28-byte <see cref="IndexEntry"/> values in fixed-size chunks (they never move, so
/// growth copies nothing but the bucket array); an open-addressing, linear-probing bucket array of 8-byte slots
/// (entry id + 32-bit hash fingerprint, so probes rarely touch an entry) grows by powers of two up to 3/4 full.
/// Postings beyond the first of a token live in a pooled <see cref="PostingPool"/>. Tokens must already be re-keyed
/// (<see cref="TokenRekeyer"/>), so a party cannot aim bucket collisions without K_server; the hash still mixes them
/// so non-random test input does not cluster.
/// Not thread-safe: one writer per project.
/// </remarks>
public sealed partial class TokenIndex
{
    /// <summary>Largest number of parties an index accepts (party numbers 0 to 255).</summary>
    public const int MaxParties = 256;

    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly PostingPool _pool = new();
    private readonly int[] _suppressedTokens = new int[MaxParties];
    private IndexEntry[][] _chunks = [];
    private ulong[] _buckets; // (fingerprint << 32) | (entry + 1); 0 = empty
    private int _bucketShift;
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
        var buckets = 16;
        while ((long)buckets * 3 < (long)initialCapacity * 4)
        {
            buckets *= 2;
        }

        _buckets = new ulong[buckets];
        _bucketShift = 64 - BitOperations.Log2((uint)buckets);
    }

    /// <summary>The per-party fanout limit.</summary>
    public int MaxFanout { get; }

    /// <summary>Number of distinct (key index, token) entries, including entries emptied by <see cref="RemoveParty"/>.</summary>
    public int EntryCount => _entryCount;

    /// <summary>Number of postings stored for hits (postings of suppressed parties are not stored).</summary>
    public long PostingCount => _postingCount;

    /// <summary>Current number of buckets (a power of two).</summary>
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
    public PostingAddResult Add(byte keyIndex, ReadOnlySpan<byte> token, int party, int ordinal, out int entry)
    {
        if ((uint)party >= MaxParties)
        {
            ThrowPartyOutOfRange(party);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        TokenKey.Read(token, out var low, out var high);
        entry = FindOrCreate(keyIndex, low, high);
        ref var e = ref EntryAt(entry);

        if (!e.HasInline && e.FirstGroup == 0)
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
            var inlineGroup = _pool.NewGroup(e.InlineParty, e.FirstGroup);
            _pool.AddOrdinal(inlineGroup, e.InlineOrdinal);
            e.FirstGroup = inlineGroup;
            e.ClearInline();
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
        var hash = TokenKey.Hash(keyIndex, low, high);
        var mask = _buckets.Length - 1;
        var fingerprint = (uint)hash;
        for (var slot = (int)(hash >> _bucketShift); ; slot = (slot + 1) & mask)
        {
            var bucket = _buckets[slot];
            if (bucket == 0)
            {
                return -1;
            }

            if ((uint)(bucket >> 32) == fingerprint)
            {
                var entry = (int)(uint)bucket - 1;
                ref var e = ref EntryAt(entry);
                if (e.Low == low && e.High == high && e.KeyIndex == keyIndex)
                {
                    return entry;
                }
            }
        }
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

    /// <summary>Writes the 16-byte token of <paramref name="entry"/> to <paramref name="destination"/>.</summary>
    public void CopyToken(int entry, Span<byte> destination)
    {
        ref var e = ref EntryAt(CheckEntry(entry));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, e.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..16], e.High);
    }

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

    private int FindOrCreate(byte keyIndex, ulong low, ulong high)
    {
        var hash = TokenKey.Hash(keyIndex, low, high);
        var mask = _buckets.Length - 1;
        var fingerprint = (uint)hash;
        var slot = (int)(hash >> _bucketShift);
        for (; ; slot = (slot + 1) & mask)
        {
            var bucket = _buckets[slot];
            if (bucket == 0)
            {
                break;
            }

            if ((uint)(bucket >> 32) == fingerprint)
            {
                var existing = (int)(uint)bucket - 1;
                ref var e = ref EntryAt(existing);
                if (e.Low == low && e.High == high && e.KeyIndex == keyIndex)
                {
                    return existing;
                }
            }
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

        ref var created = ref EntryAt(entry);
        created.Low = low;
        created.High = high;
        created.Meta = keyIndex;
        created.InlineOrdinal = 0;
        created.FirstGroup = 0;
        _entryCount++;

        if ((long)_entryCount * 4 > (long)_buckets.Length * 3)
        {
            Grow();
        }
        else
        {
            _buckets[slot] = ((ulong)fingerprint << 32) | (uint)(entry + 1);
        }

        return entry;
    }

    // Entries never move, so growing rebuilds only the bucket array, reading the entries in order.
    private void Grow()
    {
        if (_buckets.Length >= 1 << 30)
        {
            throw new InvalidOperationException("The token index cannot grow beyond 2^30 buckets.");
        }

        RebuildBuckets(_buckets.Length * 2);
    }

    private void RebuildBuckets(int bucketCount)
    {
        var buckets = new ulong[bucketCount];
        var shift = 64 - BitOperations.Log2((uint)bucketCount);
        var mask = buckets.Length - 1;
        for (var entry = 0; entry < _entryCount; entry++)
        {
            ref var e = ref EntryAt(entry);
            var hash = TokenKey.Hash(e.KeyIndex, e.Low, e.High);
            var slot = (int)(hash >> shift);
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = ((ulong)(uint)hash << 32) | (uint)(entry + 1);
        }

        _buckets = buckets;
        _bucketShift = shift;
    }

    [DoesNotReturn]
    private static void ThrowPartyOutOfRange(int party) =>
        throw new ArgumentOutOfRangeException(nameof(party), $"Party number {party} is outside 0..{MaxParties - 1}.");
}
