namespace Aquila.Matching.Projects;

/// <summary>
/// Constants of a project snapshot: the complete in-memory state of a <see cref="ProjectMatcher"/> after a given LSN,
/// streamed into the log's chunked snapshot file (docs in this folder's README.md). Integrity comes from the log's
/// per-chunk AES-GCM tags; the end marker makes a snapshot the reader stopped short of obvious.
/// </summary>
internal static class ProjectSnapshotFormat
{
    /// <summary>
    /// The version written. Version 2 added to each receipt whether it replaced, and when it was replaced; version 3
    /// stores the token index with 18-byte entries (<see cref="Index.TokenIndex.CompactEntriesFormat"/>); version 4 adds
    /// stage 2; version 5 adds each stage-2 posting's block order and each candidate's comparing block.
    /// </summary>
    public const int Version = 5;

    /// <summary>The first version with the stage-2 part (a flag, then the scoring state when the project scores).</summary>
    public const int Stage2Version = 4;

    /// <summary>The first version whose stage-2 part keeps block orders and comparing blocks (the canonical comparing block).</summary>
    public const int BlockOrderVersion = 5;

    /// <summary>The oldest version still read (its receipts are all current, non-replacing batches).</summary>
    public const int FirstVersion = 1;

    /// <summary>Bytes of one hit-stream entry: hit id, own handle, u64 key mask, u8 other party, u8 band, u8 kind.</summary>
    public const int EventBytes = 16 + 16 + 8 + 1 + 1 + 1;

    /// <summary>Bytes of one receipt: u8 party, batch id, content hash, then i64 records, tokens, LSN, accepted-at (ms), new hit events.</summary>
    public const int ReceiptBytesVersion1 = 1 + 16 + 32 + (5 * sizeof(long));

    /// <summary>Version 2 appends: u8 flags (bit 0: the batch replaced its party's data set), i64 replaced-at LSN (0 =
    /// current), the 16-byte id of the replacing batch (zeros when current).</summary>
    public const int ReceiptBytes = ReceiptBytesVersion1 + 1 + sizeof(long) + 16;

    public static ReadOnlySpan<byte> Magic => "AQPRJSNP"u8;

    public static ReadOnlySpan<byte> EndMarker => "AQPRJEND"u8;
}
