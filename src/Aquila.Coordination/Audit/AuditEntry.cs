namespace Aquila.Coordination.Audit;

/// <summary>One committed entry of the audit chain.</summary>
/// <param name="Sequence">1-based, gapless position in the chain.</param>
/// <param name="Timestamp">When the entry was committed (UTC, millisecond precision; never earlier than its predecessor).</param>
/// <param name="Kind">The kind, e.g. <see cref="AuditKind.BatchAccepted"/>.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="ProjectId">The project or list concerned, or null.</param>
/// <param name="Subject">What it is about (batch id, hit id, ...), or null.</param>
/// <param name="Details">Further facts; enumerates in ordinal key order.</param>
/// <param name="PrevHash">Hash of the previous entry; <see cref="AuditHash.Zero"/> for entry 1.</param>
/// <param name="Hash">SHA-256(<paramref name="PrevHash"/> ‖ canonical bytes), see <see cref="AuditEntryEncoding"/>.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string Kind,
    AuditActor Actor,
    string? ProjectId,
    string? Subject,
    IReadOnlyDictionary<string, string> Details,
    AuditHash PrevHash,
    AuditHash Hash)
{
    /// <summary>The (sequence, hash) pair of this entry.</summary>
    public AuditHead Head => new(Sequence, Hash);

    /// <summary>The receipt the server hands out for this entry (also on a resend of the same batch).</summary>
    public AuditReceipt Receipt => new(Sequence, Hash, Timestamp);
}
