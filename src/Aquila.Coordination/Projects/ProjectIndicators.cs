using System.Collections.Immutable;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The action plan's indicators for one project: parties involved, records submitted per party, positive hits per band,
/// hits confirmed / rejected by analysts and the time from Matching to the first confirmation. Either the coordinator's
/// view (totals over every pair, <see cref="Compute"/>) or one party's view (its own pairs and verdicts only,
/// <see cref="ComputeForParty"/>). Hit counts stay zero until hits are released, so indicators are no oracle either.
/// Render with <see cref="ProjectIndicatorsRendering"/> (JSON, Markdown).
/// </summary>
public sealed record ProjectIndicators
{
    /// <summary>The view name of the coordinator's totals.</summary>
    public const string CoordinatorView = "coordinator";

    /// <summary>The project id.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The project title.</summary>
    public required string Title { get; init; }

    /// <summary>The project state.</summary>
    public required ProjectState State { get; init; }

    /// <summary><see cref="CoordinatorView"/> or the party code whose view this is.</summary>
    public required string View { get; init; }

    /// <summary>Number of invited parties.</summary>
    public required int PartiesInvolved { get; init; }

    /// <summary>The invited parties' codes.</summary>
    public required ImmutableArray<string> Parties { get; init; }

    /// <summary>Declared and submitted records per party (only the viewing party's own in a party view).</summary>
    public required ImmutableArray<PartyRecordCount> RecordsSubmitted { get; init; }

    /// <summary>True once hits are released (Matching, Closed, Purged); before that every hit count is zero.</summary>
    public required bool HitsReleased { get; init; }

    /// <summary>Positive hits per band (the viewing party's pairs only in a party view).</summary>
    public required BandCounts Hits { get; init; }

    /// <summary>Hits every verdict on which is "confirmed".</summary>
    public required long HitsConfirmed { get; init; }

    /// <summary>Hits every verdict on which is "rejected".</summary>
    public required long HitsRejected { get; init; }

    /// <summary>Hits confirmed by one party and rejected by the other (always 0 in a party view).</summary>
    public required long HitsDisputed { get; init; }

    /// <summary>From the move to Matching to the first confirmation; null without a confirmation.</summary>
    public required TimeSpan? TimeToFirstConfirmation { get; init; }

    /// <summary>The coordinator's view: every pair, every verdict.</summary>
    public static ProjectIndicators Compute(MatchingProject project, IEnumerable<PairHitCount> hitCounts, IEnumerable<HitFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(hitCounts);
        ArgumentNullException.ThrowIfNull(feedback);
        return Build(project, null, hitCounts, feedback);
    }

    /// <summary>One party's view: its own data set, the hits of pairs it is in, and its own verdicts.</summary>
    /// <exception cref="ArgumentException"><paramref name="party"/> is not invited to the project.</exception>
    public static ProjectIndicators ComputeForParty(
        MatchingProject project, string party, IEnumerable<PairHitCount> hitCounts, IEnumerable<HitFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(hitCounts);
        ArgumentNullException.ThrowIfNull(feedback);
        if (!ProjectQueries.IsInvited(project, party))
        {
            throw new ArgumentException($"Party {party} is not invited to project {project.Id}.", nameof(party));
        }

        return Build(project, party, hitCounts, feedback);
    }

    private static ProjectIndicators Build(
        MatchingProject project, string? party, IEnumerable<PairHitCount> hitCounts, IEnumerable<HitFeedback> feedback)
    {
        var parties = ImmutableArray.CreateBuilder<string>(project.Parties.Length);
        var records = ImmutableArray.CreateBuilder<PartyRecordCount>();
        foreach (var invited in project.Parties)
        {
            parties.Add(invited.Party);
            if (party is null || invited.Party == party)
            {
                var submitted = ProjectQueries.FindSubmission(project, invited.Party);
                records.Add(new PartyRecordCount(invited.Party, invited.DeclaredRecords, submitted?.Records ?? 0, submitted?.Batches ?? 0));
            }
        }

        var released = project.State is ProjectState.Matching or ProjectState.Closed or ProjectState.Purged;
        var hits = BandCounts.Zero;
        if (released)
        {
            foreach (var count in hitCounts)
            {
                if (party is null || count.PartyA == party || count.PartyB == party)
                {
                    hits = hits.Add(count.Band, count.Count);
                }
            }
        }

        var verdicts = new Dictionary<string, (bool Confirmed, bool Rejected)>(StringComparer.Ordinal);
        DateTimeOffset? firstConfirmation = null;
        foreach (var item in feedback)
        {
            if (!released || (party is not null && item.Party != party))
            {
                continue;
            }

            verdicts.TryGetValue(item.HitId, out var seen);
            var confirmed = item.Verdict == FeedbackVerdict.Confirmed;
            verdicts[item.HitId] = (seen.Confirmed || confirmed, seen.Rejected || !confirmed);
            if (confirmed && (firstConfirmation is null || item.RecordedAt < firstConfirmation))
            {
                firstConfirmation = item.RecordedAt;
            }
        }

        long hitsConfirmed = 0, hitsRejected = 0, hitsDisputed = 0;
        foreach (var (confirmed, rejected) in verdicts.Values)
        {
            if (confirmed && rejected)
            {
                hitsDisputed++;
            }
            else if (confirmed)
            {
                hitsConfirmed++;
            }
            else
            {
                hitsRejected++;
            }
        }

        return new ProjectIndicators
        {
            ProjectId = project.Id,
            Title = project.ActionPlan.Title,
            State = project.State,
            View = party ?? CoordinatorView,
            PartiesInvolved = project.Parties.Length,
            Parties = parties.ToImmutable(),
            RecordsSubmitted = records.ToImmutable(),
            HitsReleased = released,
            Hits = hits,
            HitsConfirmed = hitsConfirmed,
            HitsRejected = hitsRejected,
            HitsDisputed = hitsDisputed,
            TimeToFirstConfirmation = firstConfirmation is { } first && project.MatchingStartedAt is { } start ? first - start : null,
        };
    }
}
