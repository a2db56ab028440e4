namespace Aquila.Matching.Projects;

/// <summary>
/// Proof that a batch is durable. It is read from the batch's own log record, so it is the same after every restart.
/// </summary>
/// <param name="Party">The submitting party's code.</param>
/// <param name="BatchId">The 16-byte batch id the node chose.</param>
/// <param name="ContentHash">The 32-byte SHA-256 identifying the batch content.</param>
/// <param name="Records">Records in the batch.</param>
/// <param name="Tokens">Tokens in the batch.</param>
/// <param name="Lsn">The log sequence number of the batch's record.</param>
/// <param name="AcceptedAt">When the batch was accepted (millisecond precision).</param>
/// <param name="NewHitEvents">Hit events the batch added to the submitting party's stream (new, updated and, for a
/// replacing batch, withdrawn hits).</param>
public sealed record BatchReceipt(
    string Party, ReadOnlyMemory<byte> BatchId, ReadOnlyMemory<byte> ContentHash, long Records, long Tokens, long Lsn, DateTimeOffset AcceptedAt,
    long NewHitEvents)
{
    /// <summary>True when the batch replaced its party's earlier data set (it was submitted with replace semantics).</summary>
    public bool ReplacesEarlier { get; init; }

    /// <summary>The LSN of the replacing batch that withdrew this batch; 0 while the batch is part of the current data set.</summary>
    public long ReplacedAtLsn { get; init; }

    /// <summary>The batch id of the replacing batch that withdrew this batch; empty while the batch is current.</summary>
    public ReadOnlyMemory<byte> ReplacedBy { get; init; }

    /// <summary>True when the party has replaced the data set this batch belonged to: the batch no longer counts.</summary>
    public bool IsReplaced => ReplacedAtLsn > 0;
}
