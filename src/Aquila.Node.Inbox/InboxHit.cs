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

    /// <summary>Stage 2: the probability (0..1) that the two records are one person; null for a hit on stage-1 keys only.</summary>
    public double? Score { get; init; }

    /// <summary>Stage 2: each compared field's agreement level (<c>given≈ family= dob:year father:missing</c>), never a value.</summary>
    public IReadOnlyList<string> Agreement { get; init; } = [];

    /// <summary>Why the records are a hit, in one line: the stage-2 agreement when scored, else the agreeing keys.</summary>
    public string Why => Agreement.Count > 0 ? string.Join(' ', Agreement) : string.Join(", ", AgreeingKeys);

    /// <summary>The score as the pages show it ("0.9994"), or empty for a stage-1 hit.</summary>
    public string ScoreText => Score is { } score ? score.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "";

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
