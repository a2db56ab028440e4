using Aquila.Tokens.Keys;

namespace Aquila.Node.Lists;

/// <summary>One notification on a list, resolved to the contributor's own record id (<c>aquila node list hits</c>).</summary>
public sealed record ListNotification
{
    public required long Sequence { get; init; }

    public required ListNotificationKind Kind { get; init; }

    /// <summary>32 lower-case hex digits.</summary>
    public required string HitId { get; init; }

    /// <summary>The contributor's own record id, or null when the list handle map does not know the entry.</summary>
    public string? RecordId { get; init; }

    /// <summary>True when the record was removed from the list after the notification was made (the map keeps its handle).</summary>
    public bool RecordRemoved { get; init; }

    /// <summary>The other contributor, or the querying party.</summary>
    public required string OtherParty { get; init; }

    public required MatchBand Band { get; init; }

    public required IReadOnlyList<string> AgreeingKeys { get; init; }

    /// <summary>Query hits: the querying party's case reference; empty for duplicates.</summary>
    public required string CaseReference { get; init; }

    /// <summary>Query hits: the check of the querying node's signature; null for duplicates.</summary>
    public QueryHitSignature? Signature { get; init; }
}
