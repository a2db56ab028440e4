using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// The chunked snapshot file (format version 2), written and read as a stream so a snapshot never has to be in memory
/// at once. Little-endian:
/// <code>
/// offset size field
/// 0      8    magic "AQWALSNP" (as version 1)
/// 8      4    u32 format version (2)
/// 12     4    u32 largest chunk plaintext c
/// 16     8    u64 LSN
/// 24     16   key check value of the data key
/// 40     16   random file salt
/// 56     4    u32 CRC-32 over bytes [0, 56)
/// 60          chunks, back to back: u32 n | 0x8000_0000 on the last chunk, n bytes ciphertext, 16-byte GCM tag
/// </code>
/// Each chunk is AES-256-GCM under a per-file key (HKDF of the snapshot key, salt = file salt); nonce = u64 chunk
/// number ‖ 4 zero bytes; associated data = the 60 header bytes ‖ the chunk's length word. So chunks cannot be
/// reordered, moved to another file or cut off (the last one is marked), and the tags are the checksum of the content.
/// </summary>
internal static class WalChunkedSnapshotFormat
{
    public const uint Version = 2;
    public const int HeaderLength = 60;
    public const int SaltLength = 16;
    public const int LengthWordSize = 4;
    public const uint LastChunkFlag = 0x8000_0000;
    public const int DefaultChunkSize = 1024 * 1024;

    /// <summary>Largest chunk a reader accepts (a damaged header cannot make it allocate more).</summary>
    public const int MaxChunkSize = 64 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "AQWALSNP"u8;

    public static void WriteHeader(Span<byte> header, WalKeys keys, long lsn, int chunkSize)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], chunkSize);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], lsn);
        keys.KeyCheck.CopyTo(header[24..]);
        RandomNumberGenerator.Fill(header.Slice(40, SaltLength));
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], WalRecordCodec.Checksum(header[..56]));
    }

    /// <summary>Checks a header read from <paramref name="fileName"/> and returns its chunk size; throws when it is damaged.</summary>
    public static int CheckHeader(ReadOnlySpan<byte> header, WalKeys keys, long expectedLsn, string fileName)
    {
        if (header.Length < HeaderLength || !header[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt32LittleEndian(header[56..]) != WalRecordCodec.Checksum(header[..56]))
        {
            throw new WalCorruptionException(fileName, 0, "has a damaged header or is cut short");
        }

        if (!keys.Matches(header.Slice(24, WalKeys.KeyCheckLength)))
        {
            throw new WalDataKeyMismatchException(fileName);
        }

        var chunkSize = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (chunkSize is < 1 or > MaxChunkSize)
        {
            throw new WalCorruptionException(fileName, 12, "declares an impossible chunk size");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(header[16..]) == expectedLsn
            ? chunkSize
            : throw new WalCorruptionException(fileName, 16, "holds a different LSN than its name");
    }

    public static void WriteNonce(Span<byte> nonce, long chunk)
    {
        BinaryPrimitives.WriteInt64LittleEndian(nonce, chunk);
        nonce[8..].Clear();
    }
}
