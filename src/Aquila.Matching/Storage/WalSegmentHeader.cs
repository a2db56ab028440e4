using System.Buffers.Binary;

namespace Aquila.Matching.Storage;

/// <summary>
/// The header at the start of every segment file. Little-endian:
/// <code>
/// offset size field
/// 0      8    magic "AQWALSEG"
/// 8      4    u32 format version (1)
/// 12     4    u32 salt: random per segment, the first 4 bytes of every record nonce in it
/// 16     8    u64 segment index (consecutive; the file name carries it too)
/// 24     8    u64 base LSN: no record in the segment has a smaller LSN
/// 32     16   key check value of the data key
/// 48     4    u32 CRC-32 over bytes [0, 48)
/// total  52
/// </code>
/// </summary>
internal readonly record struct WalSegmentHeader(uint Salt, long Index, long BaseLsn)
{
    public const int Length = 52;
    public const uint FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "AQWALSEG"u8;

    public void Write(Span<byte> destination, ReadOnlySpan<byte> keyCheck)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Salt);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Index);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], BaseLsn);
        keyCheck.CopyTo(destination[32..48]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[48..], WalRecordCodec.Checksum(destination[..48]));
    }

    /// <summary>Parses a header; <paramref name="keyCheck"/> is the stored key check value (a slice of <paramref name="source"/>).</summary>
    public static RecordStatus TryRead(ReadOnlySpan<byte> source, out WalSegmentHeader header, out ReadOnlySpan<byte> keyCheck)
    {
        header = default;
        keyCheck = default;
        if (source.Length < Length)
        {
            return RecordStatus.Incomplete;
        }

        if (!source[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt32LittleEndian(source[8..]) != FormatVersion
            || BinaryPrimitives.ReadUInt32LittleEndian(source[48..]) != WalRecordCodec.Checksum(source[..48]))
        {
            return RecordStatus.Damaged;
        }

        header = new WalSegmentHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]));
        keyCheck = source.Slice(32, WalKeys.KeyCheckLength);
        return RecordStatus.Valid;
    }
}
