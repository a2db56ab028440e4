using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>
/// What one party may learn about a hit: the hit id, its own record's handle, the other party's code, the band and
/// the agreeing keys. There is deliberately no field that could hold the other party's handle, token or ordinal.
/// </summary>
/// <param name="HitId">The hit id (the same for both parties).</param>
/// <param name="OwnHandle">The handle of this party's own record.</param>
/// <param name="OtherPartyCode">The code of the party holding the other record.</param>
/// <param name="Band">The hit's band.</param>
/// <param name="AgreeingKeys">Ids of the agreeing match keys, sorted ordinally.</param>
public sealed record PartyHitView(HitId HitId, RecordHandle OwnHandle, string OtherPartyCode, MatchBand Band, IReadOnlyList<string> AgreeingKeys)
{
    /// <summary>
    /// Stage 2: the posterior probability (0..1) that the two records are one person, under the model fitted when the
    /// project entered Matching; null when stage 2 did not score the pair (stage-1 evidence only).
    /// </summary>
    public double? Score { get; init; }

    /// <summary>Stage 2: the agreement level of each compared field as a short text (e.g. <c>given≈</c>, <c>dob:year±1</c>,
    /// <c>father:missing</c>), never a value; empty when stage 2 did not score the pair.</summary>
    public IReadOnlyList<string> Agreement { get; init; } = [];
}
