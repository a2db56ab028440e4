using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>
/// A hit between a record of party A and a record of party B (A &lt; B by party number): all the keys on which the
/// pair's tokens agree, and the best band among them. Server-side only; parties see a <see cref="PartyHitView"/>.
/// </summary>
/// <param name="Id">The hit id, independent of arrival order.</param>
/// <param name="PartyA">The lower party number.</param>
/// <param name="OrdinalA">The record's ordinal in party A's handle table.</param>
/// <param name="PartyB">The higher party number.</param>
/// <param name="OrdinalB">The record's ordinal in party B's handle table.</param>
/// <param name="Band">The best band among the agreeing keys.</param>
/// <param name="KeyMask">The agreeing keys: bit i set when the tokens of key index i agree.</param>
public readonly record struct Hit(HitId Id, int PartyA, int OrdinalA, int PartyB, int OrdinalB, MatchBand Band, ulong KeyMask)
{
    /// <summary>True when <paramref name="party"/> is one side of the hit.</summary>
    public bool Involves(int party) => party == PartyA || party == PartyB;
}
