using Aquila.Coordination.Projects;
using Aquila.Security;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Every action by every role in every state: allowed exactly where the lifecycle table says.</summary>
public sealed class ProjectLifecycleTableTests
{
    private static readonly ProjectState[] AllStates = Enum.GetValues<ProjectState>();
    private static readonly ProjectState[] BeforePurge =
        [ProjectState.Draft, ProjectState.KeyCeremony, ProjectState.Open, ProjectState.Matching, ProjectState.Closed];

    // The specification, written independently of the implementation's rule table.
    private static readonly Dictionary<string, (PartyRole Role, ProjectState[] States)> Expected = new()
    {
        ["invite"] = (PartyRole.Coordinator, [ProjectState.Draft, ProjectState.KeyCeremony]),
        ["uninvite"] = (PartyRole.Coordinator, [ProjectState.Draft, ProjectState.KeyCeremony]),
        ["update"] = (PartyRole.Coordinator, BeforePurge),
        ["start-ceremony"] = (PartyRole.Coordinator, [ProjectState.Draft, ProjectState.KeyCeremony]),
        ["confirm"] = (PartyRole.Node, [ProjectState.KeyCeremony]),
        ["open"] = (PartyRole.Coordinator, [ProjectState.KeyCeremony]),
        ["submit"] = (PartyRole.Node, [ProjectState.Open]),
        ["matching"] = (PartyRole.Coordinator, [ProjectState.Open]),
        ["close"] = (PartyRole.Coordinator, [ProjectState.Matching]),
        ["purge"] = (PartyRole.Coordinator, [ProjectState.Closed]),
        ["attest"] = (PartyRole.Node, [ProjectState.Purged]),
    };

    public static TheoryData<string, PartyRole, ProjectState> Cases()
    {
        var data = new TheoryData<string, PartyRole, ProjectState>();
        foreach (var action in Expected.Keys)
        {
            foreach (var role in Enum.GetValues<PartyRole>())
            {
                foreach (var state in AllStates)
                {
                    data.Add(action, role, state);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_action_is_allowed_exactly_for_its_role_in_its_states(string action, PartyRole role, ProjectState state)
    {
        var project = Prepared(state);
        var caller = CallerIn(role);
        var (expectedRole, expectedStates) = Expected[action];
        var expectedAllowed = role == expectedRole && expectedStates.Contains(state);

        var transition = ProjectLifecycle.Apply(project, caller, ActionFor(action, caller), End);

        Assert.True(transition.IsAllowed == expectedAllowed, $"{action} by {caller} in {state}: {transition.Violation?.Message ?? "allowed"}");
        if (!expectedAllowed)
        {
            Assert.Same(project, transition.Project);
            Assert.Equal(role == expectedRole ? ProjectRuleKind.WrongState : ProjectRuleKind.NotPermitted, transition.Violation!.Kind);
        }
    }

    [Theory]
    [InlineData(PartyRole.Node, ProjectState.Matching, true)]
    [InlineData(PartyRole.Analyst, ProjectState.Matching, true)]
    [InlineData(PartyRole.Analyst, ProjectState.Closed, true)]
    [InlineData(PartyRole.Analyst, ProjectState.Open, false)]
    [InlineData(PartyRole.Analyst, ProjectState.Purged, false)]
    [InlineData(PartyRole.Coordinator, ProjectState.Matching, false)]
    [InlineData(PartyRole.Auditor, ProjectState.Matching, false)]
    [InlineData(PartyRole.Operator, ProjectState.Closed, false)]
    public void Feedback_is_for_nodes_and_analysts_in_Matching_and_Closed(PartyRole role, ProjectState state, bool allowed)
    {
        var violation = ProjectLifecycle.CheckFeedback(InState(state), CallerIn(role));

        Assert.Equal(allowed, violation is null);
    }

    [Fact]
    public void Feedback_from_a_party_that_is_not_invited_is_refused()
    {
        var violation = ProjectLifecycle.CheckFeedback(InState(ProjectState.Matching), new ProjectCaller("XK", PartyRole.Analyst));

        Assert.Equal(ProjectRuleKind.NotPermitted, violation?.Kind);
        Assert.Contains("XK is not invited", violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_may_not_confirm_the_ceremony_for_another_party()
    {
        var project = InState(ProjectState.KeyCeremony);

        var transition = ProjectLifecycle.Apply(project, NodeRs, new ConfirmCeremony("BA", Fingerprint), Start);

        Assert.Equal(ProjectRuleKind.NotPermitted, transition.Violation?.Kind);
        Assert.Contains("for party BA", transition.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_for_the_wrong_role_names_the_state_and_what_the_caller_may_do_instead()
    {
        var project = InState(ProjectState.Open);

        var transition = ProjectLifecycle.Apply(project, NodeRs, new CloseProject(), End);

        Assert.Equal(
            "RS/node may not close the project: only a coordinator may. In state Open a node may: submit a data set.",
            transition.Violation?.Message);
    }

    [Fact]
    public void A_refusal_in_the_wrong_state_names_the_states_that_allow_it()
    {
        var project = InState(ProjectState.Draft);

        var transition = ProjectLifecycle.Apply(project, Coordinator, new CloseProject(), End);

        Assert.StartsWith("Project aquila-2026-01 is Draft: PCC/coordinator cannot close the project now; that is possible in Matching only.",
            transition.Violation?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auditors_and_operators_have_read_only_access_in_every_state()
    {
        foreach (var state in AllStates)
        {
            Assert.Empty(ProjectLifecycle.AllowedActions(state, PartyRole.Auditor));
            Assert.Empty(ProjectLifecycle.AllowedActions(state, PartyRole.Operator));
        }
    }

    [Fact]
    public void Only_nodes_and_analysts_of_invited_parties_may_read_a_project()
    {
        var project = InState(ProjectState.Open);

        Assert.Null(ProjectLifecycle.CheckRead(project, AnalystRs));
        Assert.Null(ProjectLifecycle.CheckRead(project, Auditor));
        Assert.NotNull(ProjectLifecycle.CheckRead(project, NodeXk));
    }

    [Theory]
    [InlineData(ProjectState.Draft, false)]
    [InlineData(ProjectState.KeyCeremony, false)]
    [InlineData(ProjectState.Open, false)]
    [InlineData(ProjectState.Matching, true)]
    [InlineData(ProjectState.Closed, true)]
    [InlineData(ProjectState.Purged, false)]
    public void Hits_are_released_only_in_Matching_and_Closed(ProjectState state, bool released) =>
        Assert.Equal(released, ProjectQueries.HitsReleased(InState(state)));

    [Fact]
    public void Only_an_invited_party_of_an_Open_project_can_submit()
    {
        Assert.True(ProjectQueries.CanSubmit(InState(ProjectState.Open), "RS"));
        Assert.False(ProjectQueries.CanSubmit(InState(ProjectState.Open), "XK"));
        Assert.False(ProjectQueries.CanSubmit(InState(ProjectState.Matching), "RS"));
    }

    // A project in the state where every allowed action also meets its conditions (all confirmed in KeyCeremony).
    private static MatchingProject Prepared(ProjectState state)
    {
        var project = InState(state);
        if (state == ProjectState.KeyCeremony)
        {
            foreach (var party in PartyCodes)
            {
                project = Must(project, NodeOf(party), new ConfirmCeremony(party, Fingerprint), Start);
            }
        }

        return project;
    }

    private static ProjectCaller CallerIn(PartyRole role) => role switch
    {
        PartyRole.Coordinator => Coordinator,
        PartyRole.Node => NodeRs,
        PartyRole.Analyst => AnalystRs,
        PartyRole.Auditor => Auditor,
        _ => Operator,
    };

    private static ProjectAction ActionFor(string action, ProjectCaller caller)
    {
        var party = caller.Role is PartyRole.Node or PartyRole.Analyst ? caller.Party : "RS";
        return action switch
        {
            "invite" => new InviteParty(new InvitedParty("XK", 100, "Kosovo Police")),
            "uninvite" => new UninviteParty("ME"),
            "update" => new UpdateActionPlan(Draft().ActionPlan with { Status = ActionPlanStatus.Ongoing }),
            "start-ceremony" => new StartCeremony(),
            "confirm" => new ConfirmCeremony(party, Fingerprint),
            "open" => new OpenProject(),
            "submit" => new RecordSubmission(party, 50, 350),
            "matching" => new StartMatching(),
            "close" => new CloseProject(),
            "purge" => new PurgeProject(),
            "attest" => new AttestPurge(party),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }
}
