namespace Aquila.Tokens.Batches;

/// <summary>
/// Layout of a token batch file (.aqb), version 1. All integers big-endian.
/// <code>
/// "AQB1"                      magic
/// u16 format version          1
/// u32 header length           bytes of the header that follows
/// header:
///   16  batch id
///   u8 n, n bytes             project id (UTF-8)
///   u8 n, n bytes             party code (ASCII)
///   32  schema hash           SHA-256 of the match-key schema file
///   u16 schema version
///   u8 k, k × (u8 n, n bytes key id, u8 band)
///   u64 record count
///   u64 token count
/// records (record count times):
///   16  handle                random, fresh per batch; the node alone maps it to its record
///   u8  subject category
///   u8  t                     token count
///   t × (u8 key index, 16 bytes token)
/// 32  SHA-256 of every byte before it
/// </code>
/// Records appear in a random order, so the file's order says nothing about the source system's order.
/// </summary>
public static class BatchFormat
{
    /// <summary>The four bytes every batch file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "AQB1"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Handle length in bytes.</summary>
    public const int HandleLength = 16;

    /// <summary>Length of the trailing checksum.</summary>
    public const int ChecksumLength = 32;

    /// <summary>Bytes of one token entry: key index and token.</summary>
    public const int TokenEntryLength = 1 + Derivation.TokenDeriver.TokenLength;

    /// <summary>Most tokens one record may carry.</summary>
    public const int MaxTokensPerRecord = byte.MaxValue;

    /// <summary>Offset of the header in the file.</summary>
    internal const int HeaderOffset = 4 + 2 + 4;
}
