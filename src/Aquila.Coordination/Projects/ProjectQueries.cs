namespace Aquila.Coordination.Projects;

/// <summary>Read-only questions about a <see cref="MatchingProject"/> that the matcher and the server ask.</summary>
public static class ProjectQueries
{
    /// <summary>True only in Matching and Closed: hits are never released before Matching, so the project is no oracle.</summary>
    public static bool HitsReleased(MatchingProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.State is ProjectState.Matching or ProjectState.Closed;
    }

    /// <summary>True when <paramref name="party"/> is invited and the project is Open (the matcher accepts its batches).</summary>
    public static bool CanSubmit(MatchingProject project, string party)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.State == ProjectState.Open && FindParty(project, party) is not null;
    }

    /// <summary>True when <paramref name="party"/> is invited.</summary>
    public static bool IsInvited(MatchingProject project, string? party) => FindParty(project, party) is not null;

    /// <summary>The invitation of <paramref name="party"/>, or null.</summary>
    public static InvitedParty? FindParty(MatchingProject project, string? party)
    {
        ArgumentNullException.ThrowIfNull(project);
        foreach (var invited in project.Parties)
        {
            if (string.Equals(invited.Party, party, StringComparison.Ordinal))
            {
                return invited;
            }
        }

        return null;
    }

    /// <summary>The submission counts of <paramref name="party"/>, or null when it has not submitted.</summary>
    public static PartySubmission? FindSubmission(MatchingProject project, string party)
    {
        ArgumentNullException.ThrowIfNull(project);
        foreach (var submission in project.Submissions)
        {
            if (string.Equals(submission.Party, party, StringComparison.Ordinal))
            {
                return submission;
            }
        }

        return null;
    }

    /// <summary>True when every invited party has at least one accepted batch.</summary>
    public static bool AllSubmitted(MatchingProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        foreach (var invited in project.Parties)
        {
            if (FindSubmission(project, invited.Party) is not { Batches: > 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the project is Closed and its purge date has passed: the host should purge it now.</summary>
    public static bool IsPurgeOverdue(MatchingProject project, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.State == ProjectState.Closed && now >= project.Timeline.PurgeDate;
    }
}
