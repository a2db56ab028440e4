namespace Aquila.Node.Inbox;

/// <summary>One hit as the inbox keeps it: the match evidence, the party's own record id, and the analyst's workflow.</summary>
public sealed record InboxHit
{
    public required string Project { get; init; }

    /// <summary>32 lower-case hex digits, the same for both parties.</summary>
    public required string HitId { get; init; }

    public required long Sequence { get; init; }

    public required string Band { get; init; }

    public required string OtherParty { get; init; }

    public required IReadOnlyList<string> AgreeingKeys { get; init; }

    /// <summary>The party's own record id, or null when no handle map given resolves it.</summary>
    public string? RecordId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string State { get; init; }

    public string? CaseReference { get; init; }

    public string? OfficerId { get; init; }

    public string? Note { get; init; }

    /// <summary>Arrival order in this inbox (the live count of new hits counts these).</summary>
    public long Arrival { get; init; }
}
