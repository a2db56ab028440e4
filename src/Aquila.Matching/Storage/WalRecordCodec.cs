using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// Encodes and decodes one log record. All integers are little-endian. The record header is h bytes: 21 in segments of
/// format version 2, 13 in version 1 (which has no durable end field).
/// <code>
/// offset   size  field
/// 0        4     u32 payload length n (at most <see cref="MaxPayloadLength"/>)
/// 4        1     u8  record type (chosen by the caller)
/// 5        8     u64 LSN (log sequence number; strictly increasing, starts at 1)
/// 13       8     u64 durable end (version 2 only): the segment's bytes before this offset were flushed when the record was encoded
/// h        n     AES-256-GCM ciphertext of the payload
/// h+n      16    GCM tag
/// h+16+n   4     u32 CRC-32 (IEEE) over bytes [0, h+16+n)
/// total    h+20+n
/// </code>
/// GCM: key = the log's record key (derived from the data key, see <see cref="WalKeys"/>), nonce (12 bytes) = u32 segment
/// salt ‖ u64 LSN, associated data = bytes [0, h). The CRC finds torn and damaged records cheaply; the tag authenticates
/// them, so a record with a valid CRC and an invalid tag was tampered with.
/// </summary>
internal static class WalRecordCodec
{
    /// <summary>Record header length in segments of format version 1.</summary>
    public const int HeaderLengthV1 = 13;

    /// <summary>Record header length in segments of format version 2 (with the durable end).</summary>
    public const int HeaderLengthV2 = 21;

    public const int TagLength = 16;
    public const int ChecksumLength = 4;
    public const int NonceLength = 12;

    /// <summary>Upper bound on one payload: a bigger length field means damage, not a record.</summary>
    public const int MaxPayloadLength = 256 * 1024 * 1024;

    public static int RecordLength(int headerLength, int payloadLength) => headerLength + TagLength + ChecksumLength + payloadLength;

    /// <summary>
    /// Writes the record for <paramref name="payload"/> into <paramref name="destination"/> (exactly <see cref="RecordLength"/>
    /// bytes). <paramref name="durableEnd"/> is written only when <paramref name="headerLength"/> is <see cref="HeaderLengthV2"/>.
    /// </summary>
    public static void Encode(
        Span<byte> destination, int headerLength, AesGcm cipher, uint salt, byte type, long lsn, long durableEnd, ReadOnlySpan<byte> payload)
    {
        var n = payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)n);
        destination[4] = type;
        BinaryPrimitives.WriteInt64LittleEndian(destination[5..], lsn);
        if (headerLength == HeaderLengthV2)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination[HeaderLengthV1..], durableEnd);
        }

        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, salt, lsn);
        cipher.Encrypt(
            nonce,
            payload,
            destination.Slice(headerLength, n),
            destination.Slice(headerLength + n, TagLength),
            destination[..headerLength]);

        var checksummed = headerLength + n + TagLength;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[checksummed..], Checksum(destination[..checksummed]));
    }

    /// <summary>
    /// Checks the record at the start of <paramref name="source"/> without decrypting it. <see cref="RecordStatus.Incomplete"/>
    /// means the bytes end inside the record; <see cref="RecordStatus.Damaged"/> means the length or checksum is wrong.
    /// </summary>
    public static RecordStatus Check(ReadOnlySpan<byte> source, int headerLength, out int recordLength)
    {
        recordLength = 0;
        if (source.Length < headerLength)
        {
            return RecordStatus.Incomplete;
        }

        var n = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (n > MaxPayloadLength)
        {
            return RecordStatus.Damaged;
        }

        recordLength = RecordLength(headerLength, (int)n);
        if (source.Length < recordLength)
        {
            return RecordStatus.Incomplete;
        }

        var checksummed = recordLength - ChecksumLength;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(source[checksummed..]);
        return stored == Checksum(source[..checksummed]) ? RecordStatus.Valid : RecordStatus.Damaged;
    }

    public static byte ReadType(ReadOnlySpan<byte> record) => record[4];

    public static long ReadLsn(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[5..]);

    /// <summary>The durable end a version-2 record carries (see the layout above).</summary>
    public static long ReadDurableEnd(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[HeaderLengthV1..]);

    public static int ReadPayloadLength(ReadOnlySpan<byte> record) => (int)BinaryPrimitives.ReadUInt32LittleEndian(record);

    /// <summary>Decrypts a record that passed <see cref="Check"/>; false when the GCM tag does not verify.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> record, int headerLength, AesGcm cipher, uint salt, Span<byte> payload)
    {
        var n = ReadPayloadLength(record);
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce, salt, ReadLsn(record));
        try
        {
            cipher.Decrypt(
                nonce,
                record.Slice(headerLength, n),
                record.Slice(headerLength + n, TagLength),
                payload[..n],
                record[..headerLength]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public static void WriteNonce(Span<byte> nonce, uint salt, long lsn)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, salt);
        BinaryPrimitives.WriteInt64LittleEndian(nonce[4..], lsn);
    }

    public static uint Checksum(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);
}
