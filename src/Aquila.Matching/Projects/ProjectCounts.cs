namespace Aquila.Matching.Projects;

/// <summary>A project's figures: per party, and hits by their current band (indicator "number of positive hits").</summary>
/// <param name="Parties">Per party, in roster order. <see cref="PartyCounts.SuppressedTokens"/> is for that party only.</param>
/// <param name="StrongHits">Distinct hits whose band is strong.</param>
/// <param name="ProbableHits">Distinct hits whose band is probable.</param>
/// <param name="PossibleHits">Distinct hits whose band is possible.</param>
public sealed record ProjectCounts(IReadOnlyList<PartyCounts> Parties, long StrongHits, long ProbableHits, long PossibleHits)
{
    /// <summary>Distinct hits of any band.</summary>
    public long Hits => StrongHits + ProbableHits + PossibleHits;
}
