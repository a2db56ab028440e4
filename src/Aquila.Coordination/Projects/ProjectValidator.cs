using System.Collections.Immutable;

namespace Aquila.Coordination.Projects;

/// <summary>
/// Checks a project definition and lists every problem in words a coordinator can act on. Messages name fields,
/// limits, party and organisation codes — never free text the coordinator typed.
/// </summary>
public static class ProjectValidator
{
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest free-text field other than the title.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Longest controller name.</summary>
    public const int MaxControllerLength = 200;

    /// <summary>Largest declared data set, in records.</summary>
    public const long MaxDeclaredRecords = 1_000_000_000;

    /// <summary>Largest <see cref="MatchingProject.MaxFanout"/>.</summary>
    public const int MaxFanoutLimit = 1_000_000;

    /// <summary>Every problem of <paramref name="project"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(MatchingProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var problems = new List<string>();
        if (!IsValidProjectId(project.Id))
        {
            problems.Add("The project id must be 1–64 ASCII letters, digits, '.', '_' or '-'.");
        }

        if (project.ActionPlan is null)
        {
            problems.Add("The project needs its action-plan entry (title, objective, legal basis, lead partner).");
        }
        else
        {
            CheckActionPlan(project.ActionPlan, problems);
        }

        if (project.Timeline is null)
        {
            problems.Add("The project needs a timeline (start, submission deadline, end, purge date).");
        }
        else
        {
            CheckTimeline(project.Timeline, problems);
        }

        if (!IsSchemaHash(project.SchemaHash))
        {
            problems.Add("The match-key schema hash must be the SHA-256 of the schema as 64 lower-case hex digits.");
        }

        if (project.MaxFanout is < 1 or > MaxFanoutLimit)
        {
            problems.Add($"max_fanout must be 1 to {MaxFanoutLimit:N0}, not {project.MaxFanout}.");
        }

        CheckText(project.HitSharingLegalBasis, "The legal basis for sharing hits", 1, MaxTextLength, problems);
        CheckParties(project.Parties, problems);
        CheckCategories(project.AllowedCategories, problems);
        ListPolicyValidator.Check(project, problems);
        return problems;
    }

    /// <summary>Problems of one invitation; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(InvitedParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var problems = new List<string>();
        CheckInvitation(party, problems);
        return problems;
    }

    /// <summary>Problems of an action-plan entry; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(ActionPlanEntry actionPlan)
    {
        ArgumentNullException.ThrowIfNull(actionPlan);
        var problems = new List<string>();
        CheckActionPlan(actionPlan, problems);
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <paramref name="project"/> is invalid.</summary>
    public static void ThrowIfInvalid(MatchingProject project)
    {
        var problems = Problems(project);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The matching project is not valid: " + string.Join(" ", problems), nameof(project));
        }
    }

    /// <summary>A project id: 1–64 of ASCII letters, digits, '.', '_', '-'.</summary>
    public static bool IsValidProjectId(string? id) => IsCode(id, 1, 64, static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A party or organisation code: 2–8 upper-case ASCII letters.</summary>
    public static bool IsValidPartyCode(string? code) => IsCode(code, 2, 8, char.IsAsciiLetterUpper);

    /// <summary>64 lower-case hex digits.</summary>
    public static bool IsSchemaHash(string? hash) => IsCode(hash, 64, 64, static c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool IsCode(string? text, int min, int max, Func<char, bool> allowed)
    {
        if (text is null || text.Length < min || text.Length > max)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckActionPlan(ActionPlanEntry plan, List<string> problems)
    {
        CheckText(plan.Title, "The title", 1, MaxTitleLength, problems);
        CheckText(plan.Objective, "The objective", 1, MaxTextLength, problems);
        CheckText(plan.LegalBasisReference, "The legal basis reference", 1, MaxTextLength, problems);
        CheckText(plan.ExpectedResult, "The expected result", 0, MaxTextLength, problems);
        CheckText(plan.IndicatorsText, "The indicators text", 0, MaxTextLength, problems);
        CheckText(plan.GeographicScope, "The geographic scope", 0, MaxTextLength, problems);
        CheckText(plan.FundingSource, "The funding source", 0, MaxTextLength, problems);
        if (!IsValidPartyCode(plan.LeadPartner))
        {
            problems.Add("The lead partner must be an organisation code of 2–8 upper-case letters (e.g. PCC).");
        }

        CheckCodes(plan.Partners, "partner", problems);
        CheckCodes(plan.Observers, "observer", problems);
        if (!Enum.IsDefined(plan.Status))
        {
            problems.Add("The action-plan status must be foreseen, initiated, ongoing or completed.");
        }
    }

    private static void CheckCodes(ImmutableArray<string> codes, string what, List<string> problems)
    {
        if (codes.IsDefault)
        {
            problems.Add($"The {what} list is missing; use an empty list.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            if (!IsValidPartyCode(codes[i]))
            {
                problems.Add($"The {what} code at position {i + 1} must be 2–8 upper-case letters.");
            }
            else if (!seen.Add(codes[i]))
            {
                problems.Add($"The {what} {codes[i]} is listed twice.");
            }
        }
    }

    private static void CheckTimeline(ProjectTimeline timeline, List<string> problems)
    {
        if (timeline.SubmissionDeadline < timeline.Start)
        {
            problems.Add("The submission deadline must not be before the start.");
        }

        if (timeline.End < timeline.SubmissionDeadline)
        {
            problems.Add("The end must not be before the submission deadline.");
        }

        if (timeline.PurgeDate < timeline.End)
        {
            problems.Add("The purge date must not be before the end.");
        }
    }

    private static void CheckParties(ImmutableArray<InvitedParty> parties, List<string> problems)
    {
        if (parties.IsDefaultOrEmpty || parties.Length < 2)
        {
            problems.Add($"A matching project needs at least 2 invited parties, not {(parties.IsDefault ? 0 : parties.Length)}.");
        }

        if (parties.IsDefault)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var party in parties)
        {
            if (party is null)
            {
                problems.Add("The party list contains an empty entry.");
                continue;
            }

            CheckInvitation(party, problems);
            if (party.Party is not null && !seen.Add(party.Party))
            {
                problems.Add($"Party {party.Party} is invited twice.");
            }
        }
    }

    private static void CheckInvitation(InvitedParty party, List<string> problems)
    {
        if (!Aquila.Security.PartyCode.IsValid(party.Party))
        {
            // Invited parties act with certificates, whose party codes are 2 or 3 letters; organisations named in the
            // action plan (partners, observers) may have longer codes.
            problems.Add("An invited party code must be 2 or 3 upper-case letters, as in its certificates (e.g. RS, BA, XK).");
            return;
        }

        if (party.DeclaredRecords is < 1 or > MaxDeclaredRecords)
        {
            problems.Add($"Party {party.Party} must declare 1 to {MaxDeclaredRecords:N0} records, not {party.DeclaredRecords}.");
        }

        CheckText(party.Controller, $"The controller of party {party.Party}", 1, MaxControllerLength, problems);
    }

    private static void CheckCategories(ImmutableArray<DataSubjectCategory> categories, List<string> problems)
    {
        if (categories.IsDefaultOrEmpty)
        {
            problems.Add("At least one data-subject category must be allowed (suspect, convicted, person_of_interest, other).");
            return;
        }

        var seen = new HashSet<DataSubjectCategory>();
        foreach (var category in categories)
        {
            if (!Enum.IsDefined(category))
            {
                problems.Add($"Data-subject category {(int)category} is not defined.");
            }
            else if (!seen.Add(category))
            {
                problems.Add($"Data-subject category {DataSubjectCategoryText.ToText(category)} is listed twice.");
            }
        }
    }

    private static void CheckText(string? text, string what, int min, int max, List<string> problems)
    {
        if (text is null || text.Trim().Length < min)
        {
            if (min > 0)
            {
                problems.Add($"{what} is required.");
            }
            else if (text is null)
            {
                problems.Add($"{what} is missing; use an empty text.");
            }

            return;
        }

        if (text.Length > max)
        {
            problems.Add($"{what} is {text.Length} characters long; the limit is {max}.");
            return;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                problems.Add($"{what} contains a control character.");
                return;
            }
        }
    }
}
