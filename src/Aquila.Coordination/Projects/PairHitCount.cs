using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Projects;

/// <summary>How many hits of one band the matcher found between two parties (the input of the indicators).</summary>
/// <param name="PartyA">One party of the pair.</param>
/// <param name="PartyB">The other party of the pair.</param>
/// <param name="Band">The band.</param>
/// <param name="Count">Number of hits.</param>
public sealed record PairHitCount(string PartyA, string PartyB, MatchBand Band, long Count);
