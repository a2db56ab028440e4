namespace Aquila.Matching.Projects;

/// <summary>
/// Constants of a project snapshot: the complete in-memory state of a <see cref="ProjectMatcher"/> after a given LSN,
/// streamed into the log's chunked snapshot file (docs in this folder's README.md). Integrity comes from the log's
/// per-chunk AES-GCM tags; the end marker makes a snapshot the reader stopped short of obvious.
/// </summary>
internal static class ProjectSnapshotFormat
{
    public const int Version = 1;

    /// <summary>Bytes of one hit-stream entry: hit id, own handle, u64 key mask, u8 other party, u8 band, u8 kind.</summary>
    public const int EventBytes = 16 + 16 + 8 + 1 + 1 + 1;

    /// <summary>Bytes of one receipt: u8 party, batch id, content hash, then i64 records, tokens, LSN, accepted-at (ms), new hit events.</summary>
    public const int ReceiptBytes = 1 + 16 + 32 + (5 * sizeof(long));

    public static ReadOnlySpan<byte> Magic => "AQPRJSNP"u8;

    public static ReadOnlySpan<byte> EndMarker => "AQPRJEND"u8;
}
