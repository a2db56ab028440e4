using Aquila.Security;

namespace Aquila.Coordination.Projects;

// The rule table: which roles may take an action, whether it must be for the caller's own (invited) party, in which states.
public static partial class ProjectLifecycle
{
    private const string FeedbackDescription = "give feedback on hits";

    private static readonly PartyRole[] CoordinatorOnly = [PartyRole.Coordinator];
    private static readonly PartyRole[] NodeOnly = [PartyRole.Node];

    // In KeyCeremony too: a roster change restarts the ceremony (new round, confirmations cleared). From Open on the
    // key is fixed, so the roster is too (see RosterFixed).
    private static readonly ActionRule InviteRule = new(CoordinatorOnly, false, [ProjectState.Draft, ProjectState.KeyCeremony]);
    private static readonly ActionRule UninviteRule = new(CoordinatorOnly, false, [ProjectState.Draft, ProjectState.KeyCeremony]);
    private static readonly ActionRule DescribeRule = new(
        CoordinatorOnly, false, [ProjectState.Draft, ProjectState.KeyCeremony, ProjectState.Open, ProjectState.Matching, ProjectState.Closed]);
    // From KeyCeremony too: a failed or abandoned ceremony is started again (its confirmations are cleared).
    private static readonly ActionRule StartCeremonyRule = new(CoordinatorOnly, false, [ProjectState.Draft, ProjectState.KeyCeremony]);
    private static readonly ActionRule ConfirmRule = new(NodeOnly, true, [ProjectState.KeyCeremony]);
    private static readonly ActionRule OpenRule = new(CoordinatorOnly, false, [ProjectState.KeyCeremony]);
    private static readonly ActionRule SubmitRule = new(NodeOnly, true, [ProjectState.Open]);
    private static readonly ActionRule MatchingRule = new(CoordinatorOnly, false, [ProjectState.Open]);
    private static readonly ActionRule CloseRule = new(CoordinatorOnly, false, [ProjectState.Matching]);
    private static readonly ActionRule PurgeRule = new(CoordinatorOnly, false, [ProjectState.Closed]);
    private static readonly ActionRule AttestRule = new(NodeOnly, true, [ProjectState.Purged]);
    private static readonly ActionRule FeedbackRule = new(
        [PartyRole.Node, PartyRole.Analyst], true, [ProjectState.Matching, ProjectState.Closed]);

    // In the order a project goes through them, so "may:" lists read naturally.
    private static readonly (string Description, ActionRule Rule)[] AllRules =
    [
        ("invite a party", InviteRule),
        ("withdraw an invitation", UninviteRule),
        ("update the action-plan entry", DescribeRule),
        ("start the key ceremony", StartCeremonyRule),
        ("confirm the key ceremony", ConfirmRule),
        ("open the project for submissions", OpenRule),
        ("submit a data set", SubmitRule),
        ("move the project to Matching", MatchingRule),
        (FeedbackDescription, FeedbackRule),
        ("close the project", CloseRule),
        ("purge the project", PurgeRule),
        ("attest the node's purge", AttestRule),
    ];

    private static ActionRule RuleOf(ProjectAction action) => action switch
    {
        InviteParty => InviteRule,
        UninviteParty => UninviteRule,
        UpdateActionPlan => DescribeRule,
        StartCeremony => StartCeremonyRule,
        ConfirmCeremony => ConfirmRule,
        OpenProject => OpenRule,
        RecordSubmission => SubmitRule,
        StartMatching => MatchingRule,
        CloseProject => CloseRule,
        PurgeProject => PurgeRule,
        AttestPurge => AttestRule,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Not a known project action."),
    };

    // The party an own-party action is for; null for coordinator actions.
    private static string? PartyOf(ProjectAction action) => action switch
    {
        ConfirmCeremony confirm => confirm.Party,
        RecordSubmission submission => submission.Party,
        AttestPurge attest => attest.Party,
        _ => null,
    };

    private sealed record ActionRule(PartyRole[] Roles, bool OwnParty, ProjectState[] States);
}
