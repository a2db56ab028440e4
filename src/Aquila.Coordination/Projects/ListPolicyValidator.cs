namespace Aquila.Coordination.Projects;

// The checks a list project adds to ProjectValidator: a policy, contributors and queriers from the roster.
internal static class ListPolicyValidator
{
    public const long MaxQuotaTokensPerDay = 100_000_000;

    public static void Check(MatchingProject project, List<string> problems)
    {
        if (project.Kind != ProjectKind.List)
        {
            if (project.List is not null)
            {
                problems.Add("Only a project of kind \"list\" may have a list policy.");
            }

            return;
        }

        if (project.List is not { } list)
        {
            problems.Add("A list project needs its list policy (contributors, access, quota).");
            return;
        }

        if (list.Contributors.IsDefaultOrEmpty)
        {
            problems.Add("A list project needs at least one contributor.");
        }

        CheckInvited(project, list.Contributors, "contributor", problems);
        if (list.Access == ListAccess.Explicit)
        {
            if (list.Queriers.IsDefaultOrEmpty)
            {
                problems.Add("A list with explicit access needs at least one querier.");
            }

            CheckInvited(project, list.Queriers, "querier", problems);
        }

        if (list.QuotaTokensPerDay is < 1 or > MaxQuotaTokensPerDay)
        {
            problems.Add($"quota_tokens_per_day must be 1 to {MaxQuotaTokensPerDay:N0}, not {list.QuotaTokensPerDay}.");
        }
    }

    private static void CheckInvited(MatchingProject project, System.Collections.Immutable.ImmutableArray<string> codes, string what,
        List<string> problems)
    {
        if (codes.IsDefault || project.Parties.IsDefault)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!seen.Add(code ?? ""))
            {
                problems.Add($"The {what} {code} is listed twice.");
            }
            else if (!ProjectQueries.IsInvited(project, code))
            {
                problems.Add($"The {what} {code} is not an invited party; invite every contributor and querier.");
            }
        }
    }
}
