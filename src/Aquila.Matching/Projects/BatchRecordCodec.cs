using System.Buffers.Binary;
using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>
/// Encodes an accepted batch as the payload of one WAL record (type <see cref="ProjectRecordType.Batch"/>): everything
/// needed to replay it and to answer a resend with its receipt. Columns rather than rows, so handles and tokens are
/// copied (and tokens re-keyed) in bulk. Little-endian:
/// <code>
/// size  field
/// 1     u8 format version (1)
/// 1     u8 party code length p (1..32)
/// p     party code, UTF-8
/// 16    batch id
/// 32    content hash (SHA-256 of the batch content)
/// 8     i64 accepted-at, Unix time in milliseconds
/// 4     u32 record count n (&gt; 0)
/// 4     u32 token count t (&gt; 0)
/// 16·n  record handles
/// 4·n   u32 end (exclusive) of each record's tokens, non-decreasing, the last equal to t
/// t     u8 key index of each token
/// 16·t  tokens, already re-keyed with K_server
/// </code>
/// Version 2 (a batch that carries stage 2, issue 16) appends its block entries in the same column style:
/// <code>
/// 2     u16 vector length v (&gt; 0)
/// 4     u32 block entry count b
/// 4·n   u32 end (exclusive) of each record's block entries, non-decreasing, the last equal to b
/// b     u8 block index of each entry
/// 16·b  block tokens, re-keyed with K_server like tokens
/// v·b   comparison vectors (opaque bytes)
/// </code>
/// In version 2 the token count t may be 0 when b &gt; 0: a batch whose records have no stage-1 key and carry stage-2
/// blocks only. A batch without stage 2 is written as version 1, byte for byte as before.
/// The WAL encrypts the payload (AES-256-GCM under the project's data key), so neither handles nor tokens reach the disk
/// in the clear, and even decrypted tokens are useless without K_server.
/// </summary>
internal static class BatchRecordCodec
{
    public const byte Version = 1;
    public const byte Stage2Version = 2;
    public const int BatchIdSize = 16;
    public const int ContentHashSize = 32;

    /// <summary>Bytes the payload needs, or -1 when it would not fit in one WAL record.</summary>
    public static long EncodedLength(int partyCodeBytes, int records, int tokens) =>
        2L + partyCodeBytes + BatchIdSize + ContentHashSize + 8 + 4 + 4
        + ((long)records * (RecordHandle.Size + sizeof(uint)))
        + ((long)tokens * (1 + TokenRekeyer.TokenSize));

    /// <summary>Bytes the payload of <paramref name="batch"/> needs (with its stage-2 part when it carries one and
    /// <paramref name="stage2"/> keeps it).</summary>
    public static long EncodedLength(int partyCodeBytes, TokenBatch batch, bool stage2) =>
        EncodedLength(partyCodeBytes, batch.RecordCount, batch.TokenCount)
        + (!stage2 || batch.VectorLength == 0 ? 0 : Stage2Length(batch.RecordCount, batch.BlockCount, batch.VectorLength));

    private static long Stage2Length(int records, int blocks, int vectorLength) =>
        2L + 4 + ((long)records * sizeof(uint)) + ((long)blocks * (1 + TokenRekeyer.TokenSize + vectorLength));

    /// <summary>
    /// Writes the payload, re-keying the batch's tokens straight into it (the batch itself is not changed); with
    /// <paramref name="stage2"/> and a batch that carries stage 2, as version 2 with its block entries.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public static int Encode(
        Span<byte> destination, string party, ReadOnlySpan<byte> batchId, ReadOnlySpan<byte> contentHash, DateTimeOffset acceptedAt,
        TokenBatch batch, TokenRekeyer rekeyer, bool stage2 = false)
    {
        stage2 &= batch.VectorLength > 0;
        var at = 0;
        destination[at++] = stage2 ? Stage2Version : Version;
        var codeLength = Encoding.UTF8.GetBytes(party, destination[(at + 1)..]);
        destination[at++] = checked((byte)codeLength);
        at += codeLength;
        batchId.CopyTo(destination[at..]);
        at += BatchIdSize;
        contentHash.CopyTo(destination[at..]);
        at += ContentHashSize;
        BinaryPrimitives.WriteInt64LittleEndian(destination[at..], acceptedAt.ToUnixTimeMilliseconds());
        at += 8;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)batch.RecordCount);
        at += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)batch.TokenCount);
        at += 4;

        for (var record = 0; record < batch.RecordCount; record++)
        {
            batch.GetHandle(record).CopyTo(destination[at..]);
            at += RecordHandle.Size;
        }

        for (var record = 0; record < batch.RecordCount; record++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)batch.GetTokenRange(record).End.Value);
            at += sizeof(uint);
        }

        for (var token = 0; token < batch.TokenCount; token++)
        {
            destination[at++] = batch.GetKeyIndex(token);
        }

        var tokenBytes = batch.TokenBytes;
        rekeyer.RekeyMany(tokenBytes, destination.Slice(at, tokenBytes.Length));
        at += tokenBytes.Length;
        return stage2 ? at + EncodeStage2(destination[at..], batch, rekeyer) : at;
    }

    private static int EncodeStage2(Span<byte> destination, TokenBatch batch, TokenRekeyer rekeyer)
    {
        var at = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)batch.VectorLength);
        at += 2;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)batch.BlockCount);
        at += 4;
        for (var record = 0; record < batch.RecordCount; record++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)batch.GetBlockRange(record).End.Value);
            at += sizeof(uint);
        }

        for (var entry = 0; entry < batch.BlockCount; entry++)
        {
            destination[at++] = batch.GetBlockIndex(entry);
        }

        for (var entry = 0; entry < batch.BlockCount; entry++)
        {
            rekeyer.Rekey(batch.GetBlockToken(entry), destination.Slice(at, TokenRekeyer.TokenSize));
            at += TokenRekeyer.TokenSize;
        }

        for (var entry = 0; entry < batch.BlockCount; entry++)
        {
            batch.GetVector(entry).CopyTo(destination[at..]);
            at += batch.VectorLength;
        }

        return at;
    }

    /// <summary>Reads a payload written by <see cref="Encode"/>; the result refers to <paramref name="payload"/>.</summary>
    /// <exception cref="InvalidDataException">The payload is not a well-formed batch record.</exception>
    public static BatchRecord Decode(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < 2 || span[0] is not (Version or Stage2Version))
        {
            throw Malformed("has an unknown format version");
        }

        var codeLength = span[1];
        var fixedEnd = 2 + codeLength + BatchIdSize + ContentHashSize + 8 + 4 + 4;
        if (codeLength == 0 || span.Length < fixedEnd)
        {
            throw Malformed("is shorter than its header");
        }

        var at = 2;
        var party = Encoding.UTF8.GetString(span.Slice(at, codeLength));
        at += codeLength;
        var batchId = span.Slice(at, BatchIdSize).ToArray();
        at += BatchIdSize;
        var contentHash = span.Slice(at, ContentHashSize).ToArray();
        at += ContentHashSize;
        var acceptedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(span[at..]));
        at += 8;
        var records = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        at += 4;
        var tokens = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        at += 4;
        // Version 2 may have no token at all: records with no stage-1 key that carry stage-2 blocks only (issue 16).
        var noTokens = tokens == 0 && span[0] == Stage2Version;
        var stage1Length = records is 0 or > int.MaxValue || (tokens == 0 && !noTokens) || tokens > int.MaxValue
            ? -1
            : EncodedLength(codeLength, (int)records, (int)tokens);
        if (stage1Length < 0 || (span[0] == Version ? span.Length != stage1Length : span.Length < stage1Length + 6))
        {
            throw Malformed("has counts that do not match its length");
        }

        var stage2 = span[0] == Stage2Version ? DecodeStage2(span[(int)stage1Length..], (int)records) : default;
        if (noTokens && stage2.Blocks == 0)
        {
            throw Malformed("has neither tokens nor block entries");
        }

        var ends = span.Slice(at + ((int)records * RecordHandle.Size), (int)records * sizeof(uint));
        uint previous = 0;
        for (var i = 0; i < ends.Length; i += sizeof(uint))
        {
            var end = BinaryPrimitives.ReadUInt32LittleEndian(ends[i..]);
            if (end < previous || end > tokens)
            {
                throw Malformed("has record token ranges out of order");
            }

            previous = end;
        }

        if (previous != tokens)
        {
            throw Malformed("has record token ranges that do not cover its tokens");
        }

        return new BatchRecord
        {
            Party = party,
            BatchId = batchId,
            ContentHash = contentHash,
            AcceptedAt = acceptedAt,
            RecordCount = (int)records,
            TokenCount = (int)tokens,
            Payload = payload,
            HandlesOffset = at,
            VectorLength = stage2.VectorLength,
            BlockCount = stage2.Blocks,
            Stage2Offset = stage2.VectorLength == 0 ? 0 : (int)stage1Length,
        };
    }

    private static (int VectorLength, int Blocks) DecodeStage2(ReadOnlySpan<byte> span, int records)
    {
        int vectorLength = BinaryPrimitives.ReadUInt16LittleEndian(span);
        var blocks = BinaryPrimitives.ReadUInt32LittleEndian(span[2..]);
        if (vectorLength == 0 || blocks > int.MaxValue || span.Length != Stage2Length(records, (int)blocks, vectorLength))
        {
            throw Malformed("has stage-2 counts that do not match its length");
        }

        var ends = span.Slice(6, records * sizeof(uint));
        uint previous = 0;
        for (var i = 0; i < ends.Length; i += sizeof(uint))
        {
            var end = BinaryPrimitives.ReadUInt32LittleEndian(ends[i..]);
            if (end < previous || end > blocks)
            {
                throw Malformed("has record block ranges out of order");
            }

            previous = end;
        }

        return previous != blocks ? throw Malformed("has record block ranges that do not cover its block entries") : (vectorLength, (int)blocks);
    }

    private static InvalidDataException Malformed(string problem) =>
        new($"A batch record of the project log {problem}; the log was written by an incompatible version.");
}
