using System.Numerics;

namespace Aquila.Matching.Index;

// Snapshot: counters, the entries chunk by chunk as their 28-byte in-memory layout, and the posting pool.
// The bucket array is written too (8 bytes a slot, about a third of the snapshot): rebuilding it from the entries
// costs a hash and a cache miss per token, which made restarts several times slower.
public sealed partial class TokenIndex
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteInt32(MaxFanout);
        writer.WriteInt32(_entryCount);
        writer.WriteInt64(_postingCount);
        writer.WriteArray<int>(_suppressedTokens);
        for (var first = 0; first < _entryCount; first += ChunkSize)
        {
            writer.WriteArray<IndexEntry>(_chunks[first >> ChunkShift].AsSpan(0, Math.Min(ChunkSize, _entryCount - first)));
        }

        _pool.WriteState(writer);
        writer.WriteInt32(_buckets.Length);
        writer.WriteArray<ulong>(_buckets);
    }

    /// <summary>Loads the state written by <see cref="WriteState"/> into this index, which must be new.</summary>
    internal void ReadState(StateReader reader)
    {
        if (_entryCount != 0)
        {
            throw new InvalidOperationException("A snapshot can only be loaded into an empty token index.");
        }

        if (reader.ReadInt32() != MaxFanout)
        {
            StateReader.ThrowBad("the token index was written with another fanout limit");
        }

        var entries = reader.ReadCount(int.MaxValue - 2, "token entry");
        var postings = reader.ReadInt64();
        reader.ReadArray<int>(_suppressedTokens);
        var chunks = new IndexEntry[(entries + ChunkMask) >> ChunkShift][];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = new IndexEntry[ChunkSize];
            reader.ReadArray<IndexEntry>(chunks[c].AsSpan(0, Math.Min(ChunkSize, entries - (c << ChunkShift))));
        }

        _pool.ReadState(reader);
        var bucketCount = reader.ReadCount(1 << 30, "bucket");
        if (!BitOperations.IsPow2(bucketCount) || (long)bucketCount * 3 < (long)entries * 4)
        {
            StateReader.ThrowBad("the token index's bucket array does not fit its entries");
        }

        var buckets = new ulong[bucketCount];
        reader.ReadArray<ulong>(buckets);
        _chunks = chunks;
        _entryCount = entries;
        _postingCount = postings;
        _buckets = buckets;
        _bucketShift = 64 - BitOperations.Log2((uint)bucketCount);
    }
}
