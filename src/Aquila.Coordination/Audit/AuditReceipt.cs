namespace Aquila.Coordination.Audit;

/// <summary>What <see cref="AuditChain.AppendAsync"/> returns once an entry is committed.</summary>
/// <param name="Sequence">The entry's sequence number.</param>
/// <param name="Hash">The entry's hash: the chain head right after it.</param>
/// <param name="Timestamp">The entry's timestamp (UTC, millisecond precision).</param>
public readonly record struct AuditReceipt(long Sequence, AuditHash Hash, DateTimeOffset Timestamp)
{
    /// <summary>The (sequence, hash) pair a node stores.</summary>
    public AuditHead Head => new(Sequence, Hash);
}
