namespace Aquila.Matching.Lists;

/// <summary>The answer to a query: no hits is "no-hit"; or a problem with the query (nothing was looked up).</summary>
/// <param name="Hits">The entries hit, strongest first; empty for no-hit.</param>
/// <param name="Problem">Why the query was refused (counts and key ids only), or null.</param>
public sealed record ListQueryOutcome(IReadOnlyList<ListQueryHit> Hits, string? Problem)
{
    /// <summary>The answer "no-hit" (one instance: an outcome is immutable).</summary>
    public static ListQueryOutcome NoHit { get; } = new([], null);

    /// <summary>True when at least one entry was hit.</summary>
    public bool IsHit => Hits.Count > 0;
}
