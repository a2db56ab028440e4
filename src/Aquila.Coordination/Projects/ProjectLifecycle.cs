using Aquila.Security;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The pure lifecycle of a matching project: who (role and party from the certificate) may do what in which state.
/// Every refusal returns the unchanged project with a message that names the state, the caller and what it may do
/// instead. Checks run in a fixed order: role, party, state, then the action's own conditions.
/// </summary>
/// <remarks>
/// Purge: a Closed project may be purged from the timeline's end on (the follow-up window for analyst feedback ends
/// then); <see cref="ProjectQueries.IsPurgeOverdue"/> tells the host when the purge date has passed.
/// </remarks>
public static partial class ProjectLifecycle
{
    /// <summary>Checks a new project and returns it in Draft with version 1, or a refusal.</summary>
    public static ProjectTransition Create(ProjectCaller caller, MatchingProject project, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(project);
        if (caller.Role != PartyRole.Coordinator)
        {
            return Refuse(project, ProjectRuleKind.NotPermitted,
                $"{caller} may not create a matching project: only the coordinator may. {AllowedSentence(null, caller.Role)}");
        }

        if (project.State != ProjectState.Draft || !project.Confirmations.IsDefaultOrEmpty || !project.Submissions.IsDefaultOrEmpty
            || !project.PurgeAttestations.IsDefaultOrEmpty)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest,
                "A new project starts in Draft without ceremony confirmations, submissions or purge attestations.");
        }

        var problems = ProjectValidator.Problems(project);
        if (problems.Count > 0)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, "The matching project is not valid: " + string.Join(" ", problems));
        }

        return new ProjectTransition(
            project with
            {
                CreatedAt = now,
                Version = 1,
                MatchingStartedAt = null,
                ClosedAt = null,
                PurgedAt = null,
            },
            null);
    }

    /// <summary>Applies <paramref name="action"/> by <paramref name="caller"/> at <paramref name="now"/>.</summary>
    public static ProjectTransition Apply(MatchingProject project, ProjectCaller caller, ProjectAction action, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        if (ListRefusal(project, action) is { } listRefusal)
        {
            return new ProjectTransition(project, listRefusal);
        }

        var rule = ListRuleOf(project, action) ?? RuleOf(action);
        var refusal = CheckRule(project, caller, rule, action.Description, PartyOf(action));
        if (refusal is not null)
        {
            return new ProjectTransition(project, refusal.Kind == ProjectRuleKind.WrongState ? RosterFixed(project, action, refusal) : refusal);
        }

        var outcome = action switch
        {
            InviteParty invite => Invite(project, invite),
            UninviteParty uninvite => Uninvite(project, uninvite),
            UpdateActionPlan update => Describe(project, update),
            StartCeremony => Allow(RestartedCeremony(Advanced(project, ProjectState.KeyCeremony))),
            ConfirmCeremony confirm => Confirm(project, confirm, now),
            OpenProject => Open(project),
            RecordSubmission submission => Submit(project, submission, now),
            StartMatching => StartMatchingAt(project, now),
            CloseProject => Allow(Advanced(project, ProjectState.Closed) with { ClosedAt = now }),
            PurgeProject => Purge(project, now),
            AttestPurge attest => Attest(project, attest, now),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Not a known project action."),
        };
        return outcome.IsAllowed ? outcome with { Project = outcome.Project with { Version = project.Version + 1 } } : outcome;
    }

    /// <summary>
    /// Null when <paramref name="caller"/> may give feedback on hits of its own party (node or analyst of an invited
    /// party, project in Matching or Closed); otherwise why not.
    /// </summary>
    public static ProjectRuleViolation? CheckFeedback(MatchingProject project, ProjectCaller caller)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(caller);
        return CheckRule(project, caller, FeedbackRule, FeedbackDescription, caller.Party);
    }

    /// <summary>
    /// Null when <paramref name="caller"/> may read the project: the coordinator, auditors and operators always; nodes and
    /// analysts of invited parties only.
    /// </summary>
    public static ProjectRuleViolation? CheckRead(MatchingProject project, ProjectCaller caller)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role is PartyRole.Node or PartyRole.Analyst && !ProjectQueries.IsInvited(project, caller.Party))
        {
            return new ProjectRuleViolation(ProjectRuleKind.NotPermitted,
                $"{caller} may not read project {project.Id}: party {caller.Party} is not invited to it.");
        }

        return null;
    }

    /// <summary>What <paramref name="role"/> may do in <paramref name="state"/>, as descriptions ("start the key ceremony").</summary>
    public static IReadOnlyList<string> AllowedActions(ProjectState state, PartyRole role)
    {
        var allowed = new List<string>();
        foreach (var (description, rule) in AllRules)
        {
            if (Array.IndexOf(rule.Roles, role) >= 0 && Array.IndexOf(rule.States, state) >= 0)
            {
                allowed.Add(description);
            }
        }

        return allowed;
    }

    // A new round of the key ceremony: what the previous round confirmed no longer counts.
    private static MatchingProject RestartedCeremony(MatchingProject project) =>
        project with { CeremonyRound = project.CeremonyRound + 1, Confirmations = [] };

    // Invitations after the ceremony: the wrong-state refusal says why, so the coordinator knows the way forward.
    private static ProjectRuleViolation RosterFixed(MatchingProject project, ProjectAction action, ProjectRuleViolation refusal)
    {
        if (project.State <= ProjectState.KeyCeremony || action is not (InviteParty or UninviteParty))
        {
            return refusal;
        }

        var why = action is InviteParty
            ? "a party invited now could not derive the project key, which the key ceremony fixed for the invited parties "
              + "when the project opened. To match with another party, create a new project (it gets its own key ceremony)."
            : "the project key was fixed for the invited parties when the project opened, and a withdrawn party would keep it. "
              + "A party that does not take part simply submits no data set.";
        return new ProjectRuleViolation(refusal.Kind, $"{refusal.Message} The roster of project {project.Id} is fixed: {why}");
    }

    private static ProjectTransition Refuse(MatchingProject project, ProjectRuleKind kind, string message) =>
        new(project, new ProjectRuleViolation(kind, message));

    private static ProjectTransition Allow(MatchingProject changed) => new(changed, null);

    private static MatchingProject Advanced(MatchingProject project, ProjectState state) => project with { State = state };

    private static ProjectRuleViolation? CheckRule(
        MatchingProject project, ProjectCaller caller, ActionRule rule, string description, string? party)
    {
        if (Array.IndexOf(rule.Roles, caller.Role) < 0)
        {
            return new ProjectRuleViolation(ProjectRuleKind.NotPermitted,
                $"{caller} may not {description}: only {RoleList(rule.Roles)} may. {AllowedSentence(project.State, caller.Role)}");
        }

        if (rule.OwnParty)
        {
            if (!string.Equals(party, caller.Party, StringComparison.Ordinal))
            {
                return new ProjectRuleViolation(ProjectRuleKind.NotPermitted,
                    $"{caller} may not {description} for party {party}: a {PartyRoleText.ToText(caller.Role)} acts for its own party only.");
            }

            if (!ProjectQueries.IsInvited(project, caller.Party))
            {
                return new ProjectRuleViolation(ProjectRuleKind.NotPermitted,
                    $"{caller} may not {description}: party {caller.Party} is not invited to project {project.Id}.");
            }
        }

        if (Array.IndexOf(rule.States, project.State) < 0)
        {
            return new ProjectRuleViolation(ProjectRuleKind.WrongState,
                $"Project {project.Id} is {project.State}: {caller} cannot {description} now; that is possible in "
                + $"{StateList(rule.States)} only. {AllowedSentence(project.State, caller.Role)}");
        }

        return null;
    }

    private static string AllowedSentence(ProjectState? state, PartyRole role)
    {
        var roleText = PartyRoleText.ToText(role);
        if (state is null)
        {
            return $"A {roleText} may not change projects.";
        }

        var allowed = AllowedActions(state.Value, role);
        return allowed.Count == 0
            ? $"In state {state} a {roleText} has read-only access."
            : $"In state {state} a {roleText} may: {string.Join("; ", allowed)}.";
    }

    private static string RoleList(PartyRole[] roles)
    {
        var names = new string[roles.Length];
        for (var i = 0; i < roles.Length; i++)
        {
            names[i] = "a " + PartyRoleText.ToText(roles[i]);
        }

        return string.Join(" or ", names);
    }

    private static string StateList(ProjectState[] states) => string.Join(", ", states);
}
