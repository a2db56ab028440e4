using System.Buffers.Binary;

namespace Aquila.Matching.Storage;

/// <summary>
/// The header at the start of every segment file. Little-endian:
/// <code>
/// offset size field
/// 0      8    magic "AQWALSEG"
/// 8      4    u32 format version (2; 1 in logs written before records carried their durable end, still read)
/// 12     4    u32 salt: random per segment, the first 4 bytes of every record nonce in it
/// 16     8    u64 segment index (consecutive; the file name carries it too)
/// 24     8    u64 base LSN: no record in the segment has a smaller LSN
/// 32     16   key check value of the data key
/// 48     4    u32 CRC-32 over bytes [0, 48)
/// total  52
/// </code>
/// The format version fixes the record layout of the segment (see <see cref="WalRecordCodec"/>).
/// </summary>
internal readonly record struct WalSegmentHeader(uint Salt, long Index, long BaseLsn, uint Version = WalSegmentHeader.FormatVersion)
{
    public const int Length = 52;

    /// <summary>The version new segments are written in.</summary>
    public const uint FormatVersion = 2;

    /// <summary>Segments of version 1: records carry no durable end, so damage in the last one cannot be told from a torn tail.</summary>
    public const uint FormatVersionWithoutDurableEnd = 1;

    /// <summary>Length of a record header in this segment.</summary>
    public int RecordHeaderLength => Version == FormatVersionWithoutDurableEnd ? WalRecordCodec.HeaderLengthV1 : WalRecordCodec.HeaderLengthV2;

    /// <summary>Whether its records carry the durable end (version 2 and later).</summary>
    public bool HasDurableEnd => Version != FormatVersionWithoutDurableEnd;

    private static ReadOnlySpan<byte> Magic => "AQWALSEG"u8;

    public void Write(Span<byte> destination, ReadOnlySpan<byte> keyCheck)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Version);
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

        var version = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (!source[..8].SequenceEqual(Magic)
            || version is not (FormatVersionWithoutDurableEnd or FormatVersion)
            || BinaryPrimitives.ReadUInt32LittleEndian(source[48..]) != WalRecordCodec.Checksum(source[..48]))
        {
            return RecordStatus.Damaged;
        }

        header = new WalSegmentHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            version);
        keyCheck = source.Slice(32, WalKeys.KeyCheckLength);
        return RecordStatus.Valid;
    }
}
