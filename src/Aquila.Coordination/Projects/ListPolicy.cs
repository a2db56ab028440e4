using System.Collections.Immutable;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The rules of a list project (<see cref="ProjectKind.List"/>): who contributes entries, who may query, and how much.
/// The project's roster (<see cref="MatchingProject.Parties"/>, the key ceremony's parties) is the contributors and the
/// queriers together.
/// </summary>
public sealed record ListPolicy
{
    /// <summary>Default <see cref="QuotaTokensPerDay"/>: about a thousand one-person queries a day.</summary>
    public const long DefaultQuotaTokensPerDay = 20_000;

    /// <summary>The parties that add, remove and replace entries (at least one, each invited).</summary>
    public ImmutableArray<string> Contributors { get; init; } = [];

    /// <summary>Who may query.</summary>
    public ListAccess Access { get; init; } = ListAccess.Reciprocity;

    /// <summary>With <see cref="ListAccess.Explicit"/>, the parties that may query (each invited); otherwise unused.</summary>
    public ImmutableArray<string> Queriers { get; init; } = [];

    /// <summary>Most query tokens one party may send per UTC day (1–100,000,000).</summary>
    public long QuotaTokensPerDay { get; init; } = DefaultQuotaTokensPerDay;

    /// <summary>True when <paramref name="party"/> contributes entries.</summary>
    public bool IsContributor(string? party) => Contains(Contributors, party);

    /// <summary>True when <paramref name="party"/> may query under the access policy.</summary>
    public bool MayQuery(string? party) => Access == ListAccess.Reciprocity ? IsContributor(party) : Contains(Queriers, party);

    private static bool Contains(ImmutableArray<string> codes, string? party)
    {
        if (codes.IsDefault)
        {
            return false;
        }

        foreach (var code in codes)
        {
            if (string.Equals(code, party, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
