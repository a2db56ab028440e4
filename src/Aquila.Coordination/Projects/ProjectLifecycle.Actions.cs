using System.Globalization;

namespace Aquila.Coordination.Projects;

// The effect and the own conditions of each action, once role, party and state have been checked.
public static partial class ProjectLifecycle
{
    private static ProjectTransition Invite(MatchingProject project, InviteParty invite)
    {
        if (invite.Party is null)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, "The invitation names no party.");
        }

        var problems = ProjectValidator.Problems(invite.Party);
        if (problems.Count > 0)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, "The invitation is not valid: " + string.Join(" ", problems));
        }

        if (ProjectQueries.IsInvited(project, invite.Party.Party))
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest,
                $"Party {invite.Party.Party} is already invited to project {project.Id}; withdraw the invitation first to change it.");
        }

        return Allow(RosterChanged(project with { Parties = project.Parties.Add(invite.Party) }));
    }

    private static ProjectTransition Uninvite(MatchingProject project, UninviteParty uninvite)
    {
        var invited = ProjectQueries.FindParty(project, uninvite.Party);
        if (invited is null)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, $"Party {uninvite.Party} is not invited to project {project.Id}.");
        }

        if (project.Parties.Length <= 2)
        {
            return Refuse(project, ProjectRuleKind.ConditionNotMet,
                $"Project {project.Id} needs at least 2 invited parties; invite another party before withdrawing {uninvite.Party}.");
        }

        return Allow(RosterChanged(project with { Parties = project.Parties.Remove(invited) }));
    }

    // The transcript covers the roster: a change during the ceremony starts a new round that every node joins again.
    private static MatchingProject RosterChanged(MatchingProject project) =>
        project.State == ProjectState.KeyCeremony ? RestartedCeremony(project) : project;

    private static ProjectTransition Describe(MatchingProject project, UpdateActionPlan update)
    {
        if (update.ActionPlan is null)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, "The update carries no action-plan entry.");
        }

        var problems = ProjectValidator.Problems(update.ActionPlan);
        return problems.Count > 0
            ? Refuse(project, ProjectRuleKind.InvalidRequest, "The action-plan entry is not valid: " + string.Join(" ", problems))
            : Allow(project with { ActionPlan = update.ActionPlan });
    }

    private static ProjectTransition Confirm(MatchingProject project, ConfirmCeremony confirm, DateTimeOffset now)
    {
        if (!IsFingerprint(confirm.TranscriptFingerprint))
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest,
                $"The transcript fingerprint must be 1–{ConfirmCeremony.MaxFingerprintLength} ASCII letters, digits, ':' or '-'.");
        }

        if (confirm.CeremonyRound is { } round && round != project.CeremonyRound)
        {
            return Refuse(project, ProjectRuleKind.ConditionNotMet, CeremonyRestartedMessage(project, round));
        }

        // A node that reruns the ceremony confirms again; its latest fingerprint counts.
        var confirmation = new CeremonyConfirmation(confirm.Party, confirm.TranscriptFingerprint.ToUpperInvariant(), now);
        var confirmations = project.Confirmations.RemoveAll(c => c.Party == confirm.Party).Add(confirmation);
        return Allow(project with { Confirmations = confirmations });
    }

    private static ProjectTransition Open(MatchingProject project)
    {
        var missing = new List<string>();
        var byFingerprint = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var invited in project.Parties)
        {
            var confirmation = FindConfirmation(project, invited.Party);
            if (confirmation is null)
            {
                missing.Add(invited.Party);
                continue;
            }

            if (!byFingerprint.TryGetValue(confirmation.TranscriptFingerprint, out var parties))
            {
                byFingerprint.Add(confirmation.TranscriptFingerprint, parties = []);
            }

            parties.Add(invited.Party);
        }

        if (missing.Count > 0)
        {
            return Refuse(project, ProjectRuleKind.ConditionNotMet,
                $"Project {project.Id} cannot open: parties {string.Join(", ", missing)} have not confirmed the key ceremony yet.");
        }

        if (byFingerprint.Count > 1)
        {
            // Different fingerprints mean the parties did not derive the same key: a relay fault or a swapped key.
            var groups = new List<string>();
            foreach (var (fingerprint, parties) in byFingerprint)
            {
                groups.Add($"{string.Join(", ", parties)} reported {fingerprint}");
            }

            return Refuse(project, ProjectRuleKind.ConditionNotMet,
                $"Project {project.Id} cannot open: the ceremony transcript fingerprints differ ({string.Join("; ", groups)}). "
                + "Rerun the key ceremony and compare fingerprints out of band.");
        }

        return Allow(Advanced(project, ProjectState.Open));
    }

    private static ProjectTransition Submit(MatchingProject project, RecordSubmission submission, DateTimeOffset now)
    {
        if (submission.Records < 1 || submission.Tokens < 0)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest, "A submission needs at least 1 record and a token count of 0 or more.");
        }

        var declared = ProjectQueries.FindParty(project, submission.Party)!.DeclaredRecords;
        var earlier = ProjectQueries.FindSubmission(project, submission.Party);
        var keep = earlier is not null && !submission.ReplacesEarlier;
        var records = (keep ? earlier!.Records : 0) + submission.Records;
        if (records > declared)
        {
            return Refuse(project, ProjectRuleKind.InvalidRequest,
                $"Party {submission.Party} declared {declared.ToString(CultureInfo.InvariantCulture)} records for project {project.Id}; "
                + $"this submission would bring it to {records.ToString(CultureInfo.InvariantCulture)}. "
                + "Replace the earlier data set instead, or ask the coordinator for a new invitation.");
        }

        var counts = new PartySubmission(
            submission.Party,
            (keep ? earlier!.Batches : 0) + 1,
            records,
            (keep ? earlier!.Tokens : 0) + submission.Tokens,
            keep ? earlier!.FirstSubmittedAt : now,
            now);
        var submissions = earlier is null ? project.Submissions.Add(counts) : project.Submissions.Replace(earlier, counts);
        return Allow(project with { Submissions = submissions });
    }

    private static ProjectTransition StartMatchingAt(MatchingProject project, DateTimeOffset now)
    {
        if (now < project.Timeline.SubmissionDeadline && !ProjectQueries.AllSubmitted(project))
        {
            var waiting = new List<string>();
            foreach (var invited in project.Parties)
            {
                if (ProjectQueries.FindSubmission(project, invited.Party) is not { Batches: > 0 })
                {
                    waiting.Add(invited.Party);
                }
            }

            return Refuse(project, ProjectRuleKind.ConditionNotMet,
                $"Project {project.Id} cannot move to Matching yet: the submission deadline "
                + $"{project.Timeline.SubmissionDeadline.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC "
                + $"has not passed and parties {string.Join(", ", waiting)} have not submitted. Hits are released only after "
                + "the deadline or once every party has submitted.");
        }

        return Allow(Advanced(project, ProjectState.Matching) with { MatchingStartedAt = now });
    }

    private static ProjectTransition Purge(MatchingProject project, DateTimeOffset now)
    {
        if (now < project.Timeline.End)
        {
            return Refuse(project, ProjectRuleKind.ConditionNotMet,
                $"Project {project.Id} cannot be purged before its end "
                + $"{project.Timeline.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: "
                + "analysts may give feedback until then.");
        }

        return Allow(Advanced(project, ProjectState.Purged) with { PurgedAt = now });
    }

    private static ProjectTransition Attest(MatchingProject project, AttestPurge attest, DateTimeOffset now)
    {
        foreach (var attestation in project.PurgeAttestations)
        {
            if (attestation.Party == attest.Party)
            {
                return Refuse(project, ProjectRuleKind.ConditionNotMet,
                    $"Party {attest.Party} has already attested its purge of project {project.Id}.");
            }
        }

        return Allow(project with { PurgeAttestations = project.PurgeAttestations.Add(new PurgeAttestation(attest.Party, now)) });
    }

    /// <summary>
    /// What a node still running round <paramref name="round"/> of the key ceremony is told once a newer round started
    /// (a roster change or a restart by the coordinator): its messages no longer count.
    /// </summary>
    public static string CeremonyRestartedMessage(MatchingProject project, int round)
    {
        ArgumentNullException.ThrowIfNull(project);
        var roster = new string[project.Parties.Length];
        for (var i = 0; i < roster.Length; i++)
        {
            roster[i] = project.Parties[i].Party;
        }

        return project.State == ProjectState.KeyCeremony
            ? $"The key ceremony of project {project.Id} was restarted (this node ran round {round}, the current round is "
              + $"{project.CeremonyRound}; parties now {string.Join(", ", roster)}): the roster or the transcript changed, so "
              + "a key from the earlier round is void. Run `aquila node join` again (a key file written in that round must be deleted first)."
            : $"The key ceremony of project {project.Id} is over (the project is {project.State}); this node ran round {round}, "
              + $"not the final round {project.CeremonyRound}.";
    }

    private static CeremonyConfirmation? FindConfirmation(MatchingProject project, string party)
    {
        foreach (var confirmation in project.Confirmations)
        {
            if (confirmation.Party == party)
            {
                return confirmation;
            }
        }

        return null;
    }

    private static bool IsFingerprint(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > ConfirmCeremony.MaxFingerprintLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not (':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
