namespace Aquila.Node.Lists;

/// <summary>What <see cref="ListQuery"/> learnt for one person.</summary>
public sealed record QueryAnswer
{
    public required QueryOutcome Outcome { get; init; }

    /// <summary>Strongest first; empty for no-hit and rejected.</summary>
    public IReadOnlyList<ListQueryHit> Hits { get; init; } = [];

    /// <summary>Why the person was rejected; null otherwise.</summary>
    public ListEntryProblem? Problem { get; init; }

    /// <summary>
    /// Tokens the node did not send because a query carries at most two per key id (name variants past the first two);
    /// the officer is told, since a spelling that was not sent cannot hit.
    /// </summary>
    public int VariantsNotSent { get; init; }

    /// <summary>The audit entry of the query; null when nothing was asked.</summary>
    public long? AuditSequence { get; init; }
}
