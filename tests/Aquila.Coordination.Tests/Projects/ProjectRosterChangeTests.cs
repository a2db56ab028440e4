using Aquila.Coordination.Projects;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Changing the roster during the key ceremony restarts it; after the ceremony the roster is fixed.</summary>
public sealed class ProjectRosterChangeTests
{
    private static readonly InviteParty InviteXk = new(new InvitedParty("XK", 100, "Kosovo Police"));

    private static MatchingProject CeremonyWithRsConfirmed() =>
        Must(InState(ProjectState.KeyCeremony), NodeRs, new ConfirmCeremony("RS", Fingerprint), Start);

    [Fact]
    public void Starting_the_ceremony_begins_round_1()
    {
        Assert.Equal(0, InState(ProjectState.Draft).CeremonyRound);
        Assert.Equal(1, InState(ProjectState.KeyCeremony).CeremonyRound);
    }

    [Fact]
    public void Inviting_a_party_during_the_ceremony_starts_a_new_round_without_confirmations()
    {
        var project = Must(CeremonyWithRsConfirmed(), Coordinator, InviteXk, Start);

        Assert.Equal(ProjectState.KeyCeremony, project.State);
        Assert.Equal(2, project.CeremonyRound);
        Assert.Empty(project.Confirmations);
        Assert.Equal(["RS", "BA", "ME", "XK"], Codes(project));
    }

    [Fact]
    public void Withdrawing_a_party_that_never_joined_starts_a_new_round_the_others_can_finish()
    {
        var project = Must(CeremonyWithRsConfirmed(), Coordinator, new UninviteParty("ME"), Start);
        project = Must(project, NodeRs, new ConfirmCeremony("RS", Fingerprint) { CeremonyRound = 2 }, Start);
        project = Must(project, NodeBa, new ConfirmCeremony("BA", Fingerprint) { CeremonyRound = 2 }, Start);

        var opened = ProjectLifecycle.Apply(project, Coordinator, new OpenProject(), Start);

        Assert.True(opened.IsAllowed, opened.Violation?.Message);
        Assert.Equal(["RS", "BA"], Codes(opened.Project));
    }

    [Fact]
    public void A_confirmation_from_an_earlier_round_is_refused_with_the_way_forward()
    {
        var project = Must(InState(ProjectState.KeyCeremony), Coordinator, InviteXk, Start);

        var transition = ProjectLifecycle.Apply(project, NodeBa, new ConfirmCeremony("BA", Fingerprint) { CeremonyRound = 1 }, Start);

        Assert.Equal(ProjectRuleKind.ConditionNotMet, transition.Violation?.Kind);
        Assert.Contains("was restarted", transition.Violation!.Message, StringComparison.Ordinal);
        Assert.Contains("Run `aquila node join` again", transition.Violation.Message, StringComparison.Ordinal);
        Assert.Empty(transition.Project.Confirmations);
    }

    [Theory]
    [InlineData(ProjectState.Open)]
    [InlineData(ProjectState.Matching)]
    [InlineData(ProjectState.Closed)]
    public void Inviting_after_the_ceremony_is_refused_and_says_a_new_party_needs_a_new_project(ProjectState state)
    {
        var transition = ProjectLifecycle.Apply(InState(state), Coordinator, InviteXk, Early);

        Assert.Equal(ProjectRuleKind.WrongState, transition.Violation?.Kind);
        Assert.Contains("roster of project aquila-2026-01 is fixed", transition.Violation!.Message, StringComparison.Ordinal);
        Assert.Contains("create a new project", transition.Violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdrawing_after_the_ceremony_is_refused_and_says_the_party_may_simply_not_submit()
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.Open), Coordinator, new UninviteParty("ME"), Early);

        Assert.Equal(ProjectRuleKind.WrongState, transition.Violation?.Kind);
        Assert.Contains("submits no data set", transition.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_may_not_invite_even_during_the_ceremony()
    {
        var transition = ProjectLifecycle.Apply(InState(ProjectState.KeyCeremony), NodeRs, InviteXk, Start);

        Assert.Equal(ProjectRuleKind.NotPermitted, transition.Violation?.Kind);
        Assert.DoesNotContain("is fixed", transition.Violation!.Message, StringComparison.Ordinal);
    }
}
