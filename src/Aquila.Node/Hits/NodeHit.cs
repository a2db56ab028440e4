using Aquila.Tokens.Keys;

namespace Aquila.Node.Hits;

/// <summary>
/// One hit event as the party sees it on its own node: the hit, and the party's own record id that the handle in the
/// event stands for (resolved through the node's handle maps; the handle itself never leaves the node library).
/// </summary>
public sealed record NodeHit
{
    /// <summary>The event's position in the party's hit stream (a cursor to continue after).</summary>
    public required long Sequence { get; init; }

    public required NodeHitKind Kind { get; init; }

    /// <summary>32 lower-case hex digits, the same for both parties and on every replay.</summary>
    public required string HitId { get; init; }

    /// <summary>The party's own record id, or null when no handle map given knows the handle.</summary>
    public string? RecordId { get; init; }

    /// <summary>The party holding the other record.</summary>
    public required string OtherParty { get; init; }

    public required MatchBand Band { get; init; }

    /// <summary>The match keys on which the two records agree.</summary>
    public required IReadOnlyList<string> AgreeingKeys { get; init; }

    /// <summary>
    /// Stage 2: the posterior probability (0..1) that the two records are one person, when the matcher scored the pair;
    /// null for a hit with stage-1 evidence only.
    /// </summary>
    public double? Score { get; init; }

    /// <summary>Stage 2: the agreement level of each compared field (e.g. <c>given≈</c>, <c>dob:year±1</c>,
    /// <c>father:missing</c>), never a value; empty for a hit with stage-1 evidence only.</summary>
    public IReadOnlyList<string> Agreement { get; init; } = [];

    /// <summary>Why the records are a hit, in one line: the stage-2 agreement when scored, else the agreeing keys.</summary>
    public string Why => Agreement.Count > 0 ? string.Join(' ', Agreement) : string.Join(", ", AgreeingKeys);
}
