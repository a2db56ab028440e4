namespace Aquila.Tokens.Batches;

/// <summary>
/// Layout of a token batch file (.aqb), versions 1 and 2. All integers big-endian.
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
/// Version 2 carries stage 2 (DESIGN §3: block tokens and block-salted comparison vectors) and is written only for a
/// schema with a scoring section; a schema without one gives version 1, byte for byte as before. Version 2 differs in:
/// <code>
/// header, after the keys and before the counts:
///   u16 v                     vector length (bytes of one comparison vector; never hard-coded by readers)
///   u8  b                     block count of the schema's scoring section (block indexes are below it)
///   u64 record count, u64 token count (as in version 1)
///   u64 block entry count     over all records
/// records, after each record's tokens:
///   u8  c                     block entry count of the record
///   c × (u8 block index, 16 bytes block token, v bytes comparison vector)
/// </code>
/// Records appear in a random order, so the file's order says nothing about the source system's order.
/// </summary>
public static class BatchFormat
{
    /// <summary>The four bytes every batch file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "AQB1"u8;

    /// <summary>The format version of a batch without stage 2 (a schema without a scoring section).</summary>
    public const ushort Version = 1;

    /// <summary>The format version of a batch that carries stage-2 block tokens and comparison vectors.</summary>
    public const ushort Stage2Version = 2;

    /// <summary>Bytes of a block token.</summary>
    public const int BlockTokenLength = 16;

    /// <summary>Most block entries one record may carry.</summary>
    public const int MaxBlocksPerRecord = byte.MaxValue;

    /// <summary>
    /// The longest comparison vector a reader accepts before it knows the project's schema (bounds the memory a
    /// damaged or hostile header can ask for); the server then requires exactly its schema's length.
    /// </summary>
    public const int MaxVectorLength = 1024;

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
