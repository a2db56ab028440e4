namespace Aquila.Node.Submitting;

/// <summary>The matcher's receipt for a batch, as the node keeps and shows it.</summary>
public sealed record SubmittedBatch
{
    public required string ProjectId { get; init; }

    public required string Party { get; init; }

    /// <summary>32 lower-case hex digits.</summary>
    public required string BatchId { get; init; }

    public required long Records { get; init; }

    public required long Tokens { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>True when this call was a resend of a batch the matcher had already accepted.</summary>
    public required bool AlreadyAccepted { get; init; }

    /// <summary>True when the batch replaced the party's earlier data set (those batches and their hits are withdrawn).</summary>
    public required bool ReplacedEarlier { get; init; }

    /// <summary>The audit entry that recorded the acceptance.</summary>
    public required long AuditSequence { get; init; }

    /// <summary>The audit chain's head hash at that entry, 64 lower-case hex digits.</summary>
    public required string AuditHash { get; init; }

    /// <summary>The file the head was saved to (<c>aquila audit verify --heads</c> reads it).</summary>
    public required string AuditHeadsPath { get; init; }
}
