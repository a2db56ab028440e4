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
/// The WAL encrypts the payload (AES-256-GCM under the project's data key), so neither handles nor tokens reach the disk
/// in the clear, and even decrypted tokens are useless without K_server.
/// </summary>
internal static class BatchRecordCodec
{
    public const byte Version = 1;
    public const int BatchIdSize = 16;
    public const int ContentHashSize = 32;

    /// <summary>Bytes the payload needs, or -1 when it would not fit in one WAL record.</summary>
    public static long EncodedLength(int partyCodeBytes, int records, int tokens) =>
        2L + partyCodeBytes + BatchIdSize + ContentHashSize + 8 + 4 + 4
        + ((long)records * (RecordHandle.Size + sizeof(uint)))
        + ((long)tokens * (1 + TokenRekeyer.TokenSize));

    /// <summary>Writes the payload, re-keying the batch's tokens straight into it (the batch itself is not changed).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Encode(
        Span<byte> destination, string party, ReadOnlySpan<byte> batchId, ReadOnlySpan<byte> contentHash, DateTimeOffset acceptedAt,
        TokenBatch batch, TokenRekeyer rekeyer)
    {
        var at = 0;
        destination[at++] = Version;
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
        return at + tokenBytes.Length;
    }

    /// <summary>Reads a payload written by <see cref="Encode"/>; the result refers to <paramref name="payload"/>.</summary>
    /// <exception cref="InvalidDataException">The payload is not a well-formed batch record.</exception>
    public static BatchRecord Decode(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < 2 || span[0] != Version)
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
        if (records is 0 or > int.MaxValue || tokens is 0 or > int.MaxValue
            || span.Length != EncodedLength(codeLength, (int)records, (int)tokens))
        {
            throw Malformed("has counts that do not match its length");
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
        };
    }

    private static InvalidDataException Malformed(string problem) =>
        new($"A batch record of the project log {problem}; the log was written by an incompatible version.");
}
