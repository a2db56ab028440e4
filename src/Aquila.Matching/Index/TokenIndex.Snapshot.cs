using System.Buffers.Binary;

namespace Aquila.Matching.Index;

// Snapshot: counters, the entries chunk by chunk as their 18-byte in-memory layout, the posting pool, the bucket array.
// The bucket array is written (8 bytes a slot, about a third of the snapshot) because it alone holds each token's
// fingerprint, and rebuilding it would cost a cache miss per token. Project snapshot formats 1 and 2 hold the earlier
// layout (28-byte entries with the whole token, a power-of-two bucket array): they are converted while read.
public sealed partial class TokenIndex
{
    /// <summary>The first project snapshot format whose index has 18-byte entries.</summary>
    internal const int CompactEntriesFormat = 3;

    private const int LegacyEntryBytes = 28;

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

    /// <summary>Loads the state written by <see cref="WriteState"/> (or by an earlier layout, given the project snapshot format) into this index, which must be new.</summary>
    internal void ReadState(StateReader reader, int format)
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
        }

        ulong[] buckets;
        if (format >= CompactEntriesFormat)
        {
            for (var c = 0; c < chunks.Length; c++)
            {
                reader.ReadArray<IndexEntry>(chunks[c].AsSpan(0, Math.Min(ChunkSize, entries - (c << ChunkShift))));
            }

            _pool.ReadState(reader);
            var bucketCount = reader.ReadCount(Array.MaxLength, "bucket");
            if (bucketCount < MinBuckets || Overloaded(entries, bucketCount))
            {
                StateReader.ThrowBad("the token index's bucket array does not fit its entries");
            }

            buckets = new ulong[bucketCount];
            reader.ReadArray<ulong>(buckets);
        }
        else
        {
            buckets = new ulong[BucketsFor(entries)];
            ReadLegacyEntries(reader, chunks, entries, buckets);
            _pool.ReadState(reader);
            SkipLegacyBuckets(reader);
        }

        _chunks = chunks;
        _entryCount = entries;
        _postingCount = postings;
        _buckets = buckets;
    }

    // Format 1-2 entries: u64 token bytes 0-7, u64 bytes 8-15, i32 meta (key index, inline party, bit 16 inline),
    // i32 inline ordinal, i32 first group.
    private static void ReadLegacyEntries(StateReader reader, IndexEntry[][] chunks, int entries, ulong[] buckets)
    {
        const int PerFill = StateReader.MaxFill / LegacyEntryBytes;
        for (var first = 0; first < entries; first += PerFill)
        {
            var count = Math.Min(PerFill, entries - first);
            var bytes = reader.Fill(count * LegacyEntryBytes);
            for (var i = 0; i < count; i++)
            {
                var item = bytes.Slice(i * LegacyEntryBytes, LegacyEntryBytes);
                var low = BinaryPrimitives.ReadUInt64LittleEndian(item);
                var high = BinaryPrimitives.ReadUInt64LittleEndian(item[8..]);
                var meta = BinaryPrimitives.ReadInt32LittleEndian(item[16..]);
                var keyIndex = (byte)meta;
                var mix = TokenKey.Mix(keyIndex, low, high);
                var id = first + i;
                ref var entry = ref chunks[id >> ChunkShift][id & ChunkMask];
                entry.Initialize(keyIndex, low, (uint)mix);
                if ((meta & (1 << 16)) != 0)
                {
                    entry.SetInline((meta >> 8) & 0xFF, BinaryPrimitives.ReadInt32LittleEndian(item[20..]));
                }
                else
                {
                    var group = BinaryPrimitives.ReadInt32LittleEndian(item[24..]);
                    if (group < 0)
                    {
                        StateReader.ThrowBad("a token entry names a negative posting group");
                    }

                    entry.FirstGroup = group;
                }

                Place(buckets, Bucket(mix, id));
            }
        }
    }

    private static void SkipLegacyBuckets(StateReader reader)
    {
        var remaining = (long)reader.ReadCount(1 << 30, "bucket") * sizeof(ulong);
        while (remaining > 0)
        {
            var piece = (int)Math.Min(StateReader.MaxFill, remaining);
            reader.Fill(piece);
            remaining -= piece;
        }
    }
}
