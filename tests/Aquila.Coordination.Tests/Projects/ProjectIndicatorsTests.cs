using System.Text.Json;
using Aquila.Coordination.Projects;
using Aquila.Tokens.Keys;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;
using static Aquila.Coordination.Tests.Projects.ProjectStoreTests;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Indicator arithmetic on a hand-made project: Matching started at <see cref="ProjectSamples.Early"/>.</summary>
public sealed class ProjectIndicatorsTests
{
    private static readonly PairHitCount[] HitCounts =
    [
        new("RS", "BA", MatchBand.Strong, 3),
        new("RS", "BA", MatchBand.Probable, 2),
        new("BA", "ME", MatchBand.Possible, 4),
        new("ME", "RS", MatchBand.Strong, 1),
    ];

    // Hit 1: confirmed by both; hit 2: rejected by RS; hit 3: confirmed by RS, rejected by ME.
    private static readonly HitFeedback[] Feedback =
    [
        new(HitId(1), "BA", FeedbackVerdict.Confirmed, null, Early.AddHours(5)),
        new(HitId(1), "RS", FeedbackVerdict.Confirmed, "SIENA-1", Early.AddHours(2)),
        new(HitId(2), "RS", FeedbackVerdict.Rejected, null, Early.AddHours(3)),
        new(HitId(3), "RS", FeedbackVerdict.Confirmed, null, Early.AddDays(1)),
        new(HitId(3), "ME", FeedbackVerdict.Rejected, null, Early.AddDays(2)),
    ];

    [Fact]
    public void The_coordinator_sees_hits_of_every_pair_per_band()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback);

        Assert.Equal(new BandCounts(4, 2, 4), indicators.Hits);
        Assert.Equal(10, indicators.Hits.Total);
    }

    [Fact]
    public void The_coordinator_sees_confirmed_rejected_and_disputed_hits()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback);

        Assert.Equal((1, 1, 1), (indicators.HitsConfirmed, indicators.HitsRejected, indicators.HitsDisputed));
    }

    [Fact]
    public void Time_to_first_confirmation_runs_from_the_move_to_Matching_to_the_earliest_confirmation()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback);

        Assert.Equal(TimeSpan.FromHours(2), indicators.TimeToFirstConfirmation);
    }

    [Fact]
    public void The_coordinator_sees_parties_and_records_of_every_party()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback);

        Assert.Equal(3, indicators.PartiesInvolved);
        Assert.Equal(
            [new PartyRecordCount("RS", 500, 100, 1), new PartyRecordCount("BA", 400, 100, 1), new PartyRecordCount("ME", 300, 100, 1)],
            indicators.RecordsSubmitted);
    }

    [Fact]
    public void A_party_sees_only_its_own_pairs_verdicts_and_records()
    {
        var indicators = ProjectIndicators.ComputeForParty(InState(ProjectState.Matching), "RS", HitCounts, Feedback);

        Assert.Equal("RS", indicators.View);
        Assert.Equal(new BandCounts(4, 2, 0), indicators.Hits);
        Assert.Equal((2, 1, 0), (indicators.HitsConfirmed, indicators.HitsRejected, indicators.HitsDisputed));
        Assert.Equal([new PartyRecordCount("RS", 500, 100, 1)], indicators.RecordsSubmitted);
    }

    [Fact]
    public void A_party_s_time_to_first_confirmation_counts_its_own_confirmations_only()
    {
        var ba = ProjectIndicators.ComputeForParty(InState(ProjectState.Matching), "BA", HitCounts, Feedback);
        var me = ProjectIndicators.ComputeForParty(InState(ProjectState.Matching), "ME", HitCounts, Feedback);

        Assert.Equal(TimeSpan.FromHours(5), ba.TimeToFirstConfirmation);
        Assert.Null(me.TimeToFirstConfirmation);
        Assert.Equal(new BandCounts(1, 0, 4), me.Hits);
    }

    [Fact]
    public void Before_Matching_no_hit_count_is_reported()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Open), HitCounts, Feedback);

        Assert.False(indicators.HitsReleased);
        Assert.Equal(BandCounts.Zero, indicators.Hits);
        Assert.Equal(0, indicators.HitsConfirmed);
    }

    [Fact]
    public void After_the_purge_the_retained_hits_are_still_counted()
    {
        var indicators = ProjectIndicators.Compute(InState(ProjectState.Purged), HitCounts, Feedback);

        Assert.True(indicators.HitsReleased);
        Assert.Equal(10, indicators.Hits.Total);
    }

    [Fact]
    public void A_party_that_is_not_invited_has_no_view() =>
        Assert.Throws<ArgumentException>(() => ProjectIndicators.ComputeForParty(InState(ProjectState.Matching), "XK", HitCounts, Feedback));

    [Fact]
    public void The_markdown_table_lists_every_indicator()
    {
        var markdown = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback).ToMarkdown();

        Assert.Contains("| Parties involved | 3 (RS, BA, ME) |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Positive hits, strong | 4 |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Positive hits, total | 10 |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Hits confirmed by analysts | 1 |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Time from Matching to first confirmation | 2 h 0 min |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| RS | 500 | 100 | 1 |\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_says_hits_are_not_released_before_Matching()
    {
        var markdown = ProjectIndicators.Compute(InState(ProjectState.Open), HitCounts, Feedback).ToMarkdown();

        Assert.Contains("| Positive hits, strong | not released |\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_with_a_pipe_does_not_break_the_markdown_table()
    {
        var project = InState(ProjectState.Matching) with { ActionPlan = Draft().ActionPlan with { Title = "A | B" } };

        var markdown = ProjectIndicators.Compute(project, HitCounts, Feedback).ToMarkdown();

        Assert.Contains("| Title | A \\| B |\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_form_carries_the_indicators_in_camel_case()
    {
        var json = ProjectIndicators.Compute(InState(ProjectState.Matching), HitCounts, Feedback).ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("coordinator", root.GetProperty("view").GetString());
        Assert.Equal("Matching", root.GetProperty("state").GetString());
        Assert.Equal(4, root.GetProperty("hits").GetProperty("strong").GetInt64());
        Assert.Equal(3, root.GetProperty("partiesInvolved").GetInt32());
        Assert.Equal("02:00:00", root.GetProperty("timeToFirstConfirmation").GetString());
    }
}
