using Aquila.Tokens.Keys;

namespace Aquila.Node.Lists;

/// <summary>One entry a query hit: whom to follow up with, and how strong the match is.</summary>
/// <param name="HitId">32 lower-case hex digits.</param>
/// <param name="Contributor">The party to follow up with.</param>
/// <param name="Band">The match's band.</param>
/// <param name="AgreeingKeys">The match keys on which the person and the entry agree.</param>
public sealed record ListQueryHit(string HitId, string Contributor, MatchBand Band, IReadOnlyList<string> AgreeingKeys);
