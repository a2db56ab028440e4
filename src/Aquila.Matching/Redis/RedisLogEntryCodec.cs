using System.Buffers.Binary;
using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Redis;

/// <summary>
/// The plain bytes of a <see cref="RedisLogEntry"/> (encrypted by <see cref="RedisLogCipher"/> before they reach Redis).
/// </summary>
/// <remarks>
/// <code>
/// u8 version (1), u8 kind, 16 origin, i64 accepted at (Unix ms), u8 party length, party (UTF-8),
/// u8 batch id length, batch id, u8 content hash length, content hash, u8 has batch;
/// batch: i32 records, i32 tokens, i32 vector length, i32 block entries,
///        records × (16 handle, i32 token end[, i32 block end when vector length > 0]),
///        tokens × (u8 key index, 16 token), block entries × (u8 block index, 16 block token, vector)
/// </code>
/// All integers little-endian.
/// </remarks>
internal static class RedisLogEntryCodec
{
    public const byte Version = 1;

    private const int TokenSize = TokenRekeyer.TokenSize;

    /// <summary>The bytes <see cref="Encode"/> writes for <paramref name="entry"/>.</summary>
    /// <exception cref="ArgumentException">The entry would not fit in one array.</exception>
    public static int EncodedLength(RedisLogEntry entry)
    {
        long length = 1 + 1 + 16 + 8 + 1 + Encoding.UTF8.GetByteCount(entry.Party) + 1 + entry.BatchId.Length + 1 + entry.ContentHash.Length + 1;
        if (entry.Batch is { } batch)
        {
            var perRecord = RecordHandle.Size + 4 + (batch.VectorLength > 0 ? 4 : 0);
            length += 16 + ((long)batch.RecordCount * perRecord) + ((long)batch.TokenCount * (1 + TokenSize)) + ((long)batch.BlockCount * batch.BlockEntryLength);
        }

        return length <= Array.MaxLength - RedisLogCipher.Overhead
            ? (int)length
            : throw new ArgumentException($"The batch needs {length} bytes in one log entry; split it into several batches.", nameof(entry));
    }

    /// <summary>Writes <paramref name="entry"/> into <paramref name="destination"/> (<see cref="EncodedLength"/> bytes).</summary>
    public static void Encode(RedisLogEntry entry, Span<byte> destination)
    {
        var at = 0;
        destination[at++] = Version;
        destination[at++] = (byte)entry.Kind;
        entry.Origin.TryWriteBytes(destination.Slice(at, 16));
        at += 16;
        BinaryPrimitives.WriteInt64LittleEndian(destination[at..], entry.AcceptedAt.ToUnixTimeMilliseconds());
        at += 8;
        var party = Encoding.UTF8.GetBytes(entry.Party);
        at = WriteShort(destination, at, party);
        at = WriteShort(destination, at, entry.BatchId);
        at = WriteShort(destination, at, entry.ContentHash);
        var batch = entry.Batch;
        destination[at++] = batch is null ? (byte)0 : (byte)1;
        if (batch is null)
        {
            return;
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination[at..], batch.RecordCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 4)..], batch.TokenCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 8)..], batch.VectorLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 12)..], batch.BlockCount);
        at += 16;
        for (var r = 0; r < batch.RecordCount; r++)
        {
            batch.GetHandle(r).CopyTo(destination[at..]);
            at += RecordHandle.Size;
            BinaryPrimitives.WriteInt32LittleEndian(destination[at..], batch.GetTokenRange(r).End.Value);
            at += 4;
            if (batch.VectorLength > 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(destination[at..], batch.GetBlockRange(r).End.Value);
                at += 4;
            }
        }

        for (var t = 0; t < batch.TokenCount; t++)
        {
            destination[at++] = batch.GetKeyIndex(t);
            batch.GetToken(t).CopyTo(destination[at..]);
            at += TokenSize;
        }

        for (var b = 0; b < batch.BlockCount; b++)
        {
            destination[at++] = batch.GetBlockIndex(b);
            batch.GetBlockToken(b).CopyTo(destination[at..]);
            at += TokenSize;
            batch.GetVector(b).CopyTo(destination[at..]);
            at += batch.VectorLength;
        }
    }

    /// <summary>Reads an entry written by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete entry of a known version.</exception>
    public static RedisLogEntry Decode(ReadOnlySpan<byte> source)
    {
        try
        {
            return DecodeCore(source);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException("A Redis log entry is truncated or inconsistent.", e);
        }
    }

    private static RedisLogEntry DecodeCore(ReadOnlySpan<byte> source)
    {
        var at = 0;
        if (source[at++] != Version)
        {
            throw new InvalidDataException($"A Redis log entry has format version {source[0]}; this version reads {Version} (written by a newer version?).");
        }

        var kind = (RedisLogEntryKind)source[at++];
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"A Redis log entry has unknown kind {(byte)kind} (written by a newer version?).");
        }

        var origin = new Guid(source.Slice(at, 16));
        at += 16;
        var acceptedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(source[at..]));
        at += 8;
        var party = Encoding.UTF8.GetString(ReadShort(source, ref at));
        var batchId = ReadShort(source, ref at).ToArray();
        var contentHash = ReadShort(source, ref at).ToArray();
        TokenBatch? batch = null;
        if (source[at++] != 0)
        {
            var records = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
            var tokens = BinaryPrimitives.ReadInt32LittleEndian(source[(at + 4)..]);
            var vectorLength = BinaryPrimitives.ReadInt32LittleEndian(source[(at + 8)..]);
            var blocks = BinaryPrimitives.ReadInt32LittleEndian(source[(at + 12)..]);
            at += 16;
            if (records < 0 || tokens < 0 || vectorLength < 0 || blocks < 0 || (vectorLength == 0 && blocks > 0))
            {
                throw new InvalidDataException("A Redis log entry has negative or inconsistent counts.");
            }

            batch = ReadBatch(source, at, records, tokens, vectorLength, blocks);
        }

        return new RedisLogEntry(kind, origin, acceptedAt, party, batchId, contentHash, batch);
    }

    private static TokenBatch ReadBatch(ReadOnlySpan<byte> source, int at, int records, int tokens, int vectorLength, int blocks)
    {
        var perRecord = RecordHandle.Size + 4 + (vectorLength > 0 ? 4 : 0);
        var tokensAt = at + checked(records * perRecord);
        var blocksAt = tokensAt + checked(tokens * (1 + TokenSize));
        var blockLength = 1 + TokenSize + vectorLength;
        if (blocksAt + checked(blocks * blockLength) != source.Length)
        {
            throw new InvalidDataException("A Redis log entry's batch does not fill the entry exactly.");
        }

        var batch = new TokenBatch(records, tokens);
        if (vectorLength > 0)
        {
            batch.CarryStage2(vectorLength);
        }

        var token = 0;
        var block = 0;
        for (var r = 0; r < records; r++)
        {
            batch.AddRecord(source.Slice(at, RecordHandle.Size));
            var tokenEnd = BinaryPrimitives.ReadInt32LittleEndian(source[(at + RecordHandle.Size)..]);
            var blockEnd = vectorLength > 0 ? BinaryPrimitives.ReadInt32LittleEndian(source[(at + RecordHandle.Size + 4)..]) : 0;
            at += perRecord;
            if (tokenEnd < token || tokenEnd > tokens || blockEnd < block || blockEnd > blocks)
            {
                throw new InvalidDataException("A Redis log entry's record ranges are out of order.");
            }

            for (; token < tokenEnd; token++)
            {
                var offset = tokensAt + (token * (1 + TokenSize));
                batch.AddToken(source[offset], source.Slice(offset + 1, TokenSize));
            }

            for (; block < blockEnd; block++)
            {
                var offset = blocksAt + (block * blockLength);
                batch.AddBlock(source[offset], source.Slice(offset + 1, TokenSize), source.Slice(offset + 1 + TokenSize, vectorLength));
            }
        }

        if (token != tokens || block != blocks)
        {
            throw new InvalidDataException("A Redis log entry holds tokens or blocks outside its records.");
        }

        return batch;
    }

    private static int WriteShort(Span<byte> destination, int at, ReadOnlySpan<byte> value)
    {
        destination[at++] = checked((byte)value.Length);
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    private static ReadOnlySpan<byte> ReadShort(ReadOnlySpan<byte> source, ref int at)
    {
        var length = source[at++];
        var value = source.Slice(at, length);
        at += length;
        return value;
    }
}
