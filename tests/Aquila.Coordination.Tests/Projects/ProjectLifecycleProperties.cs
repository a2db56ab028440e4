using Aquila.Coordination.Projects;
using FsCheck;
using FsCheck.Fluent;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Random sequences of actions by random callers never drive a project into an illegal state.</summary>
public sealed class ProjectLifecycleProperties
{
    private static readonly Dictionary<ProjectState, ProjectState> Next = new()
    {
        [ProjectState.Draft] = ProjectState.KeyCeremony,
        [ProjectState.KeyCeremony] = ProjectState.Open,
        [ProjectState.Open] = ProjectState.Matching,
        [ProjectState.Matching] = ProjectState.Closed,
        [ProjectState.Closed] = ProjectState.Purged,
    };

    [FsCheck.Xunit.Property]
    public Property Random_action_sequences_never_reach_an_illegal_state() =>
        Prop.ForAll(LifecycleStep.Runs.ToArbitrary(), steps =>
        {
            Run(steps);
            return true;
        });

    [Fact]
    public void Random_runs_reach_every_state_so_the_property_is_not_vacuous()
    {
        // 2,000 random runs: since invitations during the ceremony restart it, fewer runs get as far as Purged.
        var reached = new HashSet<ProjectState>();
        foreach (var steps in LifecycleStep.Runs.Sample(100, 2000))
        {
            Run(steps, reached);
        }

        Assert.Equal(Enum.GetValues<ProjectState>(), reached.Order());
    }

    // Applies the steps, checking the invariants after each one; returns the final project.
    private static MatchingProject Run(LifecycleStep[] steps, HashSet<ProjectState>? visited = null)
    {
        var project = ProjectLifecycle.Create(Coordinator, Draft(), Start).Project;
        var now = Start;
        string[]? rosterAtOpen = null;
        foreach (var step in steps)
        {
            now = now.AddHours(step.Hours);
            var caller = step.Who();
            if (step.What() is not { } action)
            {
                var violation = ProjectLifecycle.CheckFeedback(project, caller);
                Assert.Equal(violation is null, ProjectQueries.HitsReleased(project) && ProjectQueries.IsInvited(project, caller.Party)
                    && caller.Role is Security.PartyRole.Node or Security.PartyRole.Analyst);
                continue;
            }

            var before = project;
            var transition = ProjectLifecycle.Apply(before, caller, action, now);
            visited?.Add(transition.Project.State);
            if (!transition.IsAllowed)
            {
                Assert.Same(before, transition.Project);
                Assert.False(string.IsNullOrWhiteSpace(transition.Violation.Message));
                continue;
            }

            project = transition.Project;
            Assert.Equal(before.Version + 1, project.Version);
            if (project.State != before.State)
            {
                Assert.Equal(Next[before.State], project.State);
            }

            if (before.State == ProjectState.Purged)
            {
                // After the purge only attestations may happen.
                Assert.IsType<AttestPurge>(action);
                Assert.Equal(before with { PurgeAttestations = project.PurgeAttestations, Version = project.Version }, project);
            }

            if (project.State == ProjectState.Open && before.State == ProjectState.KeyCeremony)
            {
                rosterAtOpen = [.. Codes(project)];
            }

            CheckCeremonyRound(before, project, action);
            CheckInvariants(project, rosterAtOpen);
        }

        return project;
    }

    // A roster change or a (re)start during the ceremony begins a new round with no confirmations; rounds only grow,
    // and a confirmation of another round is never accepted.
    private static void CheckCeremonyRound(MatchingProject before, MatchingProject after, ProjectAction action)
    {
        Assert.True(after.CeremonyRound >= before.CeremonyRound);
        Assert.Equal(after.State >= ProjectState.KeyCeremony, after.CeremonyRound > 0);
        var rosterChanged = !Codes(before).SequenceEqual(Codes(after));
        if (action is StartCeremony || (rosterChanged && before.State == ProjectState.KeyCeremony))
        {
            Assert.Equal(before.CeremonyRound + 1, after.CeremonyRound);
            Assert.Empty(after.Confirmations);
        }
        else
        {
            Assert.Equal(before.CeremonyRound, after.CeremonyRound);
        }

        if (action is ConfirmCeremony { CeremonyRound: { } round })
        {
            Assert.Equal(round, before.CeremonyRound);
        }
    }

    private static void CheckInvariants(MatchingProject project, string[]? rosterAtOpen)
    {
        var state = project.State;
        Assert.True(project.Parties.Length >= 2);
        Assert.All(project.Confirmations, c => Assert.True(ProjectQueries.IsInvited(project, c.Party)));
        if (state >= ProjectState.Open)
        {
            // The key is fixed once the project opens: so is the roster.
            Assert.Equal(rosterAtOpen, Codes(project));
        }
        else if (state == ProjectState.Draft)
        {
            Assert.Empty(project.Confirmations);
        }

        if (state >= ProjectState.Open)
        {
            // Open, and everything after, only with every invited party confirmed with one fingerprint.
            Assert.Equal(project.Parties.Length, project.Confirmations.Length);
            Assert.All(project.Parties, p => Assert.Contains(project.Confirmations, c => c.Party == p.Party));
            Assert.Single(project.Confirmations.Select(c => c.TranscriptFingerprint).Distinct());
        }
        else
        {
            Assert.Empty(project.Submissions);
        }

        if (state >= ProjectState.Matching)
        {
            Assert.NotNull(project.MatchingStartedAt);
            Assert.True(project.MatchingStartedAt >= project.Timeline.SubmissionDeadline || ProjectQueries.AllSubmitted(project));
        }
        else
        {
            Assert.Null(project.MatchingStartedAt);
        }

        if (state == ProjectState.Purged)
        {
            Assert.True(project.PurgedAt >= project.Timeline.End);
        }
        else
        {
            Assert.Empty(project.PurgeAttestations);
        }

        foreach (var submission in project.Submissions)
        {
            Assert.True(submission.Records <= ProjectQueries.FindParty(project, submission.Party)!.DeclaredRecords);
        }

        Assert.Equal(state is ProjectState.Matching or ProjectState.Closed, ProjectQueries.HitsReleased(project));
    }
}
