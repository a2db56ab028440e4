using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Lists;

/// <summary>One entry a query hit, as the querying party may see it: hit id, band, the contributor to contact.</summary>
public sealed record ListQueryHit(HitId HitId, string Contributor, MatchBand Band, IReadOnlyList<string> AgreeingKeys);
