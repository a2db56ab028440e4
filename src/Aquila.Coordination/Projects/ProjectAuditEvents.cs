using System.Globalization;
using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Projects;

// The audit entries of project changes: ids, party codes, states, counts and fingerprints only — never free text the
// coordinator typed, hit handles, tokens or follow-up references.
internal static class ProjectAuditEvents
{
    public static AuditEvent Created(ProjectCaller caller, MatchingProject project)
    {
        var parties = new string[project.Parties.Length];
        for (var i = 0; i < parties.Length; i++)
        {
            parties[i] = project.Parties[i].Party;
        }

        return new AuditEvent(AuditKind.ProjectChanged, caller.ToAuditActor(), project.Id, details: new Dictionary<string, string>
        {
            ["action"] = "project.create",
            ["state"] = project.State.ToString(),
            ["version"] = Text(project.Version),
            ["parties"] = string.Join(",", parties),
            ["schema_hash"] = project.SchemaHash,
            ["max_fanout"] = Text(project.MaxFanout),
        });
    }

    public static AuditEvent Changed(
        ProjectCaller caller, MatchingProject before, MatchingProject after, ProjectAction action, int relayedMessagesDropped = 0)
    {
        var details = new Dictionary<string, string>
        {
            ["action"] = action.Name,
            ["from"] = before.State.ToString(),
            ["state"] = after.State.ToString(),
            ["version"] = Text(after.Version),
        };
        string? subject = null;
        var kind = AuditKind.ProjectChanged;
        switch (action)
        {
            case InviteParty invite:
                subject = invite.Party.Party;
                details["declared_records"] = Text(invite.Party.DeclaredRecords);
                CeremonyRestart(before, after, details);
                break;
            case UninviteParty uninvite:
                subject = uninvite.Party;
                CeremonyRestart(before, after, details);
                break;
            case ConfirmCeremony confirm:
                kind = AuditKind.CeremonyStep;
                subject = confirm.Party;
                details["step"] = "confirm";
                details["fingerprint"] = confirm.TranscriptFingerprint.ToUpperInvariant();
                break;
            case StartCeremony:
                kind = AuditKind.CeremonyStep;
                details["step"] = before.State == ProjectState.KeyCeremony ? "restart" : "start";
                details["round"] = Text(after.CeremonyRound);
                details["confirmations_cleared"] = Text(before.Confirmations.Length);
                break;
            case RecordSubmission submission:
                subject = submission.Party;
                details["records"] = Text(submission.Records);
                details["tokens"] = Text(submission.Tokens);
                details["replaces"] = submission.ReplacesEarlier ? "true" : "false";
                if (submission.BatchId is { Length: > 0 } batch)
                {
                    details["batch"] = batch;
                }

                break;
            case AttestPurge attest:
                kind = AuditKind.Purge;
                subject = attest.Party;
                details["step"] = "node.attest";
                break;
            case PurgeProject:
                kind = AuditKind.Purge;
                details["step"] = "server";
                break;
        }

        if (before.State == ProjectState.KeyCeremony && (after.State != ProjectState.KeyCeremony || after.CeremonyRound != before.CeremonyRound))
        {
            details["relayed_messages_dropped"] = Text(relayedMessagesDropped);
        }

        return new AuditEvent(kind, caller.ToAuditActor(), after.Id, subject, details);
    }

    // A roster change during the ceremony restarts it: the entry says so, with the new round and what was dropped.
    private static void CeremonyRestart(MatchingProject before, MatchingProject after, Dictionary<string, string> details)
    {
        if (after.CeremonyRound != before.CeremonyRound)
        {
            details["ceremony"] = "restarted";
            details["round"] = Text(after.CeremonyRound);
            details["confirmations_cleared"] = Text(before.Confirmations.Length);
        }
    }

    public static AuditEvent Purged(ProjectCaller caller, MatchingProject before, MatchingProject after, int retainedHits)
    {
        var auditEvent = Changed(caller, before, after, new PurgeProject());
        var details = new Dictionary<string, string>(auditEvent.Details) { ["retained_hits"] = Text(retainedHits) };
        return new AuditEvent(auditEvent.Kind, auditEvent.Actor, auditEvent.ProjectId, auditEvent.Subject, details);
    }

    public static AuditEvent Refused(ProjectCaller caller, string? projectId, string action, ProjectRuleViolation violation)
    {
        var message = violation.Message.Length <= AuditEvent.MaxValueLength
            ? violation.Message
            : violation.Message[..AuditEvent.MaxValueLength];
        var kind = violation.Kind == ProjectRuleKind.NotPermitted ? AuditKind.AuthDenied : AuditKind.ProjectChanged;
        return new AuditEvent(kind, caller.ToAuditActor(), projectId, details: new Dictionary<string, string>
        {
            ["action"] = action,
            ["refused"] = "true",
            ["reason"] = violation.Kind.ToString(),
            ["message"] = message,
        });
    }

    public static AuditEvent Feedback(ProjectCaller caller, string projectId, HitFeedback feedback) =>
        new(AuditKind.Feedback, caller.ToAuditActor(), projectId, feedback.HitId, new Dictionary<string, string>
        {
            ["party"] = feedback.Party,
            ["verdict"] = feedback.Verdict == FeedbackVerdict.Confirmed ? "confirmed" : "rejected",
            ["follow_up"] = feedback.FollowUpReference is null ? "none" : "recorded",
        });

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
