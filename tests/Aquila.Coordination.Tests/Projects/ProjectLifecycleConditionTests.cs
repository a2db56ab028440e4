using Aquila.Coordination.Projects;
using Aquila.Security;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>The conditions of single transitions: ceremony fingerprints, deadline, declared sizes, purge date, roster.</summary>
public sealed class ProjectLifecycleConditionTests
{
    [Fact]
    public void Matching_before_the_deadline_is_refused_while_a_party_has_not_submitted()
    {
        var project = Must(InState(ProjectState.Open), NodeRs, new RecordSubmission("RS", 10, 70), Early);

        var transition = ProjectLifecycle.Apply(project, Coordinator, new StartMatching(), Early);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Contains("parties BA, ME have not submitted", transition.Violation!.Message, StringComparison.Ordinal);
        Assert.Same(project, transition.Project);
    }

    [Fact]
    public void Matching_before_the_deadline_is_allowed_once_every_party_submitted()
    {
        var project = InState(ProjectState.Open);
        foreach (var party in PartyCodes)
        {
            project = Must(project, NodeOf(party), new RecordSubmission(party, 10, 70), Early);
        }

        var transition = ProjectLifecycle.Apply(project, Coordinator, new StartMatching(), Early);

        Assert.Equal(ProjectState.Matching, transition.Project.State);
        Assert.Equal(Early, transition.Project.MatchingStartedAt);
    }

    [Fact]
    public void Matching_is_allowed_when_the_deadline_has_passed_even_without_submissions()
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.Open), Coordinator, new StartMatching(), Deadline);

        Assert.True(transition.IsAllowed);
        Assert.Equal(ProjectState.Matching, transition.Project.State);
    }

    [Fact]
    public void Opening_is_refused_until_every_invited_party_confirmed_the_ceremony()
    {
        var project = Must(InState(ProjectState.KeyCeremony), NodeRs, new ConfirmCeremony("RS", Fingerprint), Start);

        var transition = ProjectLifecycle.Apply(project, Coordinator, new OpenProject(), Start);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Contains("parties BA, ME have not confirmed", transition.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_with_differing_fingerprints_is_refused_naming_the_parties_of_each_fingerprint()
    {
        var project = InState(ProjectState.KeyCeremony);
        project = Must(project, NodeRs, new ConfirmCeremony("RS", "AAAA-1111"), Start);
        project = Must(project, NodeBa, new ConfirmCeremony("BA", "bbbb-2222"), Start);
        project = Must(project, NodeMe, new ConfirmCeremony("ME", "AAAA-1111"), Start);

        var transition = ProjectLifecycle.Apply(project, Coordinator, new OpenProject(), Start);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Contains("RS, ME reported AAAA-1111; BA reported BBBB-2222", transition.Violation!.Message, StringComparison.Ordinal);
        Assert.Same(project, transition.Project);
    }

    [Fact]
    public void Fingerprints_are_compared_without_regard_to_letter_case()
    {
        var project = InState(ProjectState.KeyCeremony);
        project = Must(project, NodeRs, new ConfirmCeremony("RS", "ab12-cd"), Start);
        project = Must(project, NodeBa, new ConfirmCeremony("BA", "AB12-CD"), Start);
        project = Must(project, NodeMe, new ConfirmCeremony("ME", "Ab12-Cd"), Start);

        Assert.True(ProjectLifecycle.Apply(project, Coordinator, new OpenProject(), Start).IsAllowed);
    }

    [Fact]
    public void A_reconfirmation_replaces_the_party_s_earlier_fingerprint()
    {
        var project = InState(ProjectState.KeyCeremony);
        project = Must(project, NodeRs, new ConfirmCeremony("RS", "OLD-1"), Start);

        project = Must(project, NodeRs, new ConfirmCeremony("RS", "NEW-2"), Start.AddHours(1));

        var confirmation = Assert.Single(project.Confirmations);
        Assert.Equal("NEW-2", confirmation.TranscriptFingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünicode")]
    public void A_malformed_fingerprint_is_refused(string fingerprint)
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.KeyCeremony), NodeRs, new ConfirmCeremony("RS", fingerprint), Start);

        Assert.Equal(ProjectRuleKind.InvalidRequest, transition.Violation?.Kind);
    }

    [Fact]
    public void Submissions_add_up_and_keep_the_first_submission_time()
    {
        var project = Must(InState(ProjectState.Open), NodeRs, new RecordSubmission("RS", 100, 700), Early);

        project = Must(project, NodeRs, new RecordSubmission("RS", 50, 300), Early.AddHours(2));

        Assert.Equal(new PartySubmission("RS", 2, 150, 1000, Early, Early.AddHours(2)), Assert.Single(project.Submissions));
    }

    [Fact]
    public void A_replacing_submission_restarts_the_counts()
    {
        var project = Must(InState(ProjectState.Open), NodeRs, new RecordSubmission("RS", 400, 2800), Early);

        project = Must(project, NodeRs, new RecordSubmission("RS", 450, 3000, ReplacesEarlier: true), Early.AddHours(2));

        Assert.Equal(new PartySubmission("RS", 1, 450, 3000, Early.AddHours(2), Early.AddHours(2)), Assert.Single(project.Submissions));
    }

    [Fact]
    public void A_submission_beyond_the_declared_size_is_refused()
    {
        var project = Must(InState(ProjectState.Open), NodeRs, new RecordSubmission("RS", 400, 2800), Early);

        var transition = ProjectLifecycle.Apply(project, NodeRs, new RecordSubmission("RS", 101, 700), Early);

        Assert.Equal(ProjectRuleKind.InvalidRequest, transition.Violation?.Kind);
        Assert.Contains("declared 500 records", transition.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_party_that_is_not_invited_cannot_submit()
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.Open), NodeXk, new RecordSubmission("XK", 1, 7), Early);

        Assert.Equal(ProjectRuleKind.NotPermitted, transition.Violation?.Kind);
    }

    [Fact]
    public void Purging_before_the_end_is_refused()
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.Closed), Coordinator, new PurgeProject(), End.AddTicks(-1));

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
    }

    [Fact]
    public void A_purge_is_overdue_once_the_purge_date_has_passed()
    {
        var closed = InState(ProjectState.Closed);

        Assert.False(ProjectQueries.IsPurgeOverdue(closed, PurgeDate.AddTicks(-1)));
        Assert.True(ProjectQueries.IsPurgeOverdue(closed, PurgeDate));
    }

    [Fact]
    public void A_node_attests_its_purge_only_once()
    {
        var project = Must(InState(ProjectState.Purged), NodeRs, new AttestPurge("RS"), End);

        var transition = ProjectLifecycle.Apply(project, NodeRs, new AttestPurge("RS"), End);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Single(project.PurgeAttestations);
    }

    [Fact]
    public void Withdrawing_an_invitation_that_would_leave_one_party_is_refused()
    {
        var project = Must(InState(ProjectState.Draft), Coordinator, new UninviteParty("ME"), Start);

        var transition = ProjectLifecycle.Apply(project, Coordinator, new UninviteParty("BA"), Start);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Equal(["RS", "BA"], Codes(project));
    }

    [Fact]
    public void Inviting_a_party_twice_is_refused()
    {
        var transition = ProjectLifecycle.Apply(
            InState(ProjectState.Draft), Coordinator, new InviteParty(new InvitedParty("RS", 10, "Police RS")), Start);

        Assert.Equal(ProjectRuleKind.InvalidRequest, transition.Violation?.Kind);
        Assert.Contains("RS is already invited", transition.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_the_ceremony_again_clears_its_confirmations()
    {
        var project = InState(ProjectState.KeyCeremony);
        project = Must(project, NodeRs, new ConfirmCeremony("RS", Fingerprint), Start);
        Assert.NotEmpty(project.Confirmations);

        var restarted = Must(project, Coordinator, new StartCeremony(), Start);

        Assert.Equal(ProjectState.KeyCeremony, restarted.State);
        Assert.Empty(restarted.Confirmations);
    }

    [Fact]
    public void Every_allowed_action_increments_the_version()
    {
        var project = InState(ProjectState.Draft);

        var changed = Must(project, Coordinator, new StartCeremony(), Start);

        Assert.Equal(1, project.Version);
        Assert.Equal(2, changed.Version);
    }

    [Fact]
    public void Only_a_coordinator_creates_projects()
    {
        var transition = ProjectLifecycle.Create(new ProjectCaller("RS", PartyRole.Node), Draft(), Start);

        Assert.Equal(ProjectRuleKind.NotPermitted, transition.Violation?.Kind);
    }

    [Fact]
    public void A_new_project_must_start_in_Draft()
    {
        var transition = ProjectLifecycle.Create(Coordinator, Draft() with { State = ProjectState.Open }, Start);

        Assert.Equal(ProjectRuleKind.InvalidRequest, transition.Violation?.Kind);
    }
}
