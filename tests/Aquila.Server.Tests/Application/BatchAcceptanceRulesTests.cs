using Aquila.Coordination.Projects;
using Aquila.Server.Application;
using Grpc.Core;

namespace Aquila.Server.Tests.Application;

/// <summary>The lifecycle rules of batch acceptance, without a server or a gRPC call.</summary>
public sealed class BatchAcceptanceRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ProjectState.KeyCeremony, "is in its key ceremony")]
    [InlineData(ProjectState.Matching, "is matching")]
    [InlineData(ProjectState.Closed, "is closed")]
    public void A_batch_for_a_project_that_is_not_open_is_refused_naming_its_state(ProjectState state, string named)
    {
        var project = Project(state);

        var refused = Assert.Throws<RpcException>(() => BatchAcceptance.CheckLifecycle(project, "RS", records: 10, replace: false));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains(named, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("data sets are accepted only while it is open", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_for_a_project_that_is_not_open_says_a_data_set_can_be_replaced_only_while_it_is_open()
    {
        var refused = Assert.Throws<RpcException>(() =>
            BatchAcceptance.CheckLifecycle(Project(ProjectState.Matching), "RS", records: 10, replace: true));

        Assert.Contains("a data set can be replaced only while it is open", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_a_party_not_invited_is_refused_even_while_the_project_is_open()
    {
        var refused = Assert.Throws<RpcException>(() => BatchAcceptance.CheckLifecycle(Project(ProjectState.Open), "ME", 1, replace: false));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public void A_batch_that_would_exceed_the_declared_records_is_refused_with_both_figures()
    {
        var project = Project(ProjectState.Open) with { Submissions = [new PartySubmission("RS", 1, 90, 900, Start, Start)] };

        var refused = Assert.Throws<RpcException>(() => BatchAcceptance.CheckLifecycle(project, "RS", records: 11, replace: false));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("declared 100 records", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("it would have sent 101", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_is_checked_alone_against_the_declared_records()
    {
        var project = Project(ProjectState.Open) with { Submissions = [new PartySubmission("RS", 1, 90, 900, Start, Start)] };

        BatchAcceptance.CheckLifecycle(project, "RS", records: 100, replace: true);
        BatchAcceptance.CheckLifecycle(project, "RS", records: 10, replace: false);
    }

    [Fact]
    public void A_project_declared_in_the_configuration_has_no_lifecycle_to_refuse_a_batch()
    {
        BatchAcceptance.CheckLifecycle(null, "RS", records: long.MaxValue / 2, replace: false);
    }

    private static MatchingProject Project(ProjectState state) => new()
    {
        Id = "acceptance-rules",
        ActionPlan = TestActionPlan.Entry("Acceptance rules"),
        Timeline = new ProjectTimeline(Start, Start.AddDays(30), Start.AddDays(150), Start.AddDays(180)),
        SchemaHash = new string('a', 64),
        Parties = [new InvitedParty("RS", 100, "RS police"), new InvitedParty("BA", 100, "BA police")],
        HitSharingLegalBasis = "PCC SEE Art. 31",
        AllowedCategories = [DataSubjectCategory.Suspect],
        State = state,
    };
}
