using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Projects;

/// <summary>What is kept of a hit once its project is purged: the hit id, the two parties and the band — nothing else.</summary>
/// <param name="HitId">The hit id: 32 lower-case hex digits.</param>
/// <param name="PartyA">One party of the pair.</param>
/// <param name="PartyB">The other party of the pair.</param>
/// <param name="Band">The hit's band.</param>
public sealed record RetainedHit(string HitId, string PartyA, string PartyB, MatchBand Band);
