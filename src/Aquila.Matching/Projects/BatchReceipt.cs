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
/// <param name="NewHitEvents">Hit events (new or updated hits) the batch added to the submitting party's stream.</param>
public sealed record BatchReceipt(
    string Party, ReadOnlyMemory<byte> BatchId, ReadOnlyMemory<byte> ContentHash, long Records, long Tokens, long Lsn, DateTimeOffset AcceptedAt,
    long NewHitEvents);
