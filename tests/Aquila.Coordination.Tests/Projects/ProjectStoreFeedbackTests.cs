using Aquila.Coordination.Projects;
using Aquila.Security;
using Aquila.Tokens.Keys;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;
using static Aquila.Coordination.Tests.Projects.ProjectStoreTests;

namespace Aquila.Coordination.Tests.Projects;

public sealed class ProjectStoreFeedbackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_is_stored_per_hit_and_party()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Matching);
        fixture.Clock.Now = Early.AddDays(2);

        await fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(1), FeedbackVerdict.Confirmed, "SIENA-1", fixture.Audit, Cancel);
        await fixture.Store.RecordFeedbackAsync(Id, NodeBa, HitId(1), FeedbackVerdict.Rejected, null, fixture.Audit, Cancel);

        var all = await fixture.Store.ListFeedbackAsync(Id, cancellationToken: Cancel);
        Assert.Equal(
            [
                new HitFeedback(HitId(1), "BA", FeedbackVerdict.Rejected, null, Early.AddDays(2)),
                new HitFeedback(HitId(1), "RS", FeedbackVerdict.Confirmed, "SIENA-1", Early.AddDays(2)),
            ],
            all);
        Assert.Equal("RS", Assert.Single(await fixture.Store.ListFeedbackAsync(Id, "RS", Cancel)).Party);
    }

    [Fact]
    public async Task A_later_verdict_of_the_same_party_replaces_the_earlier_one()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Matching);
        await fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(3), FeedbackVerdict.Confirmed, null, fixture.Audit, Cancel);

        await fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(3), FeedbackVerdict.Rejected, null, fixture.Audit, Cancel);

        Assert.Equal(FeedbackVerdict.Rejected, Assert.Single(await fixture.Store.ListFeedbackAsync(Id, cancellationToken: Cancel)).Verdict);
    }

    [Fact]
    public async Task Feedback_before_hits_are_released_is_refused_and_not_stored()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Open);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(1), FeedbackVerdict.Confirmed, null, fixture.Audit, Cancel));

        Assert.Equal(ProjectRuleKind.WrongState, error.Violation.Kind);
        Assert.Empty(await fixture.Store.ListFeedbackAsync(Id, cancellationToken: Cancel));
    }

    [Fact]
    public async Task Feedback_from_a_party_that_is_not_invited_is_refused()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Matching);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.Store.RecordFeedbackAsync(
            Id, new ProjectCaller("XK", PartyRole.Analyst), HitId(1), FeedbackVerdict.Confirmed, null, fixture.Audit, Cancel));

        Assert.Equal(ProjectRuleKind.NotPermitted, error.Violation.Kind);
    }

    [Theory]
    [InlineData("ABCDEF00000000000000000000000000", null)]
    [InlineData("0001", null)]
    [InlineData("00000000000000000000000000000001", "Petrović Marko 1980")]
    public async Task A_malformed_hit_id_or_follow_up_reference_is_refused(string hitId, string? reference)
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Matching);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            fixture.Store.RecordFeedbackAsync(Id, AnalystRs, hitId, FeedbackVerdict.Confirmed, reference, fixture.Audit, Cancel));

        Assert.Equal(ProjectRuleKind.InvalidRequest, error.Violation.Kind);
        Assert.DoesNotContain("Petrović", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purge_keeps_hits_as_id_parties_and_band_and_forgets_follow_up_references()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Closed);
        await fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(2), FeedbackVerdict.Confirmed, "SIENA-9", fixture.Audit, Cancel);
        fixture.Clock.Now = End;
        RetainedHit[] hits = [new(HitId(2), "RS", "BA", MatchBand.Strong), new(HitId(5), "ME", "RS", MatchBand.Possible)];

        var change = await fixture.Store.PurgeAsync(Id, Coordinator, hits, fixture.Audit, Cancel);

        Assert.Equal(ProjectState.Purged, change.Project.State);
        Assert.Equal(hits, await fixture.Store.ListRetainedHitsAsync(Id, Cancel));
        var feedback = Assert.Single(await fixture.Store.ListFeedbackAsync(Id, cancellationToken: Cancel));
        Assert.Null(feedback.FollowUpReference);
        Assert.Equal(FeedbackVerdict.Confirmed, feedback.Verdict);
        Assert.Equal("2", (await fixture.AuditEntriesAsync())[^1].Details["retained_hits"]);
    }

    [Fact]
    public async Task A_purge_with_a_hit_of_a_party_that_is_not_invited_is_refused_and_changes_nothing()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Closed);
        fixture.Clock.Now = End;

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.Store.PurgeAsync(
            Id, Coordinator, [new RetainedHit(HitId(2), "RS", "XK", MatchBand.Strong)], fixture.Audit, Cancel));

        Assert.Contains("Retained hit number 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectState.Closed, (await fixture.Store.GetAsync(Id, Cancel))!.State);
        Assert.Empty(await fixture.Store.ListRetainedHitsAsync(Id, Cancel));
    }

    [Fact]
    public async Task Node_purge_attestations_are_stored_with_their_time()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Purged);
        fixture.Clock.Now = End.AddHours(3);

        await fixture.ApplyAsync(NodeMe, new AttestPurge("ME"));
        await fixture.ReopenStoreAsync();

        Assert.Equal(new PurgeAttestation("ME", End.AddHours(3)), Assert.Single((await fixture.Store.GetAsync(Id, Cancel))!.PurgeAttestations));
    }
}
