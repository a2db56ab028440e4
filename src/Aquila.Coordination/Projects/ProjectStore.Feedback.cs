using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Projects;

// Analyst feedback per (hit, party) and the hits retained after a purge.
public sealed partial class ProjectStore
{
    /// <summary>
    /// Records the caller's party's verdict on a hit (a later verdict of the same party replaces it) and audits it as
    /// <c>feedback</c>. The caller must be a node or analyst of an invited party and the project in Matching or Closed.
    /// The host checks beforehand that the hit is one of the caller's party's hits; this store does not know hits.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="caller">Who gives the verdict (from the certificate); the verdict is its party's.</param>
    /// <param name="hitId">The hit id, 32 lower-case hex digits.</param>
    /// <param name="verdict">Confirmed or rejected.</param>
    /// <param name="followUpReference">An optional opaque follow-up reference (e.g. a SIENA message id), never data.</param>
    /// <param name="audit">The chain to audit the verdict or the refusal in.</param>
    /// <param name="cancellationToken">Stops waiting for the lock.</param>
    /// <exception cref="ProjectRuleException">The feedback was refused (and audited).</exception>
    public async Task<FeedbackChange> RecordFeedbackAsync(
        string projectId,
        ProjectCaller caller,
        string hitId,
        FeedbackVerdict verdict,
        string? followUpReference,
        AuditChain audit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(audit);
        const string Action = "feedback";
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var auditId = ProjectValidator.IsValidProjectId(projectId) ? projectId : null;
            ProjectRuleViolation? violation;
            using (var transaction = _connection.BeginTransaction())
            {
                var now = _time.GetUtcNow();
                var project = auditId is null ? null : Load(projectId, transaction);
                violation = Precheck(projectId, project, null)
                    ?? CheckFeedbackRequest(hitId, verdict, followUpReference)
                    ?? ProjectLifecycle.CheckFeedback(project!, caller);
                if (violation is null)
                {
                    var feedback = new HitFeedback(hitId, caller.Party, verdict, followUpReference, now);
                    using (var command = _connection.CreateCommand())
                    {
                        command.Transaction = transaction;
                        command.CommandText = ProjectStoreSchema.UpsertFeedback;
                        command.Parameters.AddWithValue("$project", projectId);
                        command.Parameters.AddWithValue("$hit", hitId);
                        command.Parameters.AddWithValue("$party", caller.Party);
                        command.Parameters.AddWithValue("$verdict", VerdictText(verdict));
                        command.Parameters.AddWithValue("$follow_up", (object?)followUpReference ?? DBNull.Value);
                        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
                        command.ExecuteNonQuery();
                    }

                    var receipt = await AuditCommittedAsync(audit, ProjectAuditEvents.Feedback(caller, projectId, feedback)).ConfigureAwait(false);
                    transaction.Commit();
                    ProjectStoreLog.FeedbackRecorded(_logger, projectId, verdict, caller.ToString(), hitId);
                    return new FeedbackChange(feedback, receipt);
                }
            }

            throw await RefusedAsync(audit, caller, auditId, Action, violation).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The feedback of a project (of one party when <paramref name="party"/> is given), oldest first.</summary>
    public async Task<IReadOnlyList<HitFeedback>> ListFeedbackAsync(
        string projectId, string? party = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = ProjectStoreSchema.SelectFeedback;
            command.Parameters.AddWithValue("$project", projectId);
            command.Parameters.AddWithValue("$party", (object?)party ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var feedback = new List<HitFeedback>();
            while (reader.Read())
            {
                feedback.Add(new HitFeedback(
                    reader.GetString(0),
                    reader.GetString(1),
                    ParseVerdict(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }

            return feedback;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The hits kept after the project's purge, by hit id.</summary>
    public async Task<IReadOnlyList<RetainedHit>> ListRetainedHitsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = ProjectStoreSchema.SelectRetainedHits;
            command.Parameters.AddWithValue("$project", projectId);
            using var reader = command.ExecuteReader();
            var hits = new List<RetainedHit>();
            while (reader.Read())
            {
                hits.Add(new RetainedHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoredBand.Parse(reader.GetString(3))));
            }

            return hits;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static ProjectRuleViolation? CheckFeedbackRequest(string? hitId, FeedbackVerdict verdict, string? followUpReference)
    {
        if (!HitFeedback.IsValidHitId(hitId))
        {
            return new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, "The hit id must be 32 lower-case hex digits.");
        }

        if (!Enum.IsDefined(verdict))
        {
            return new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, "The verdict must be confirmed or rejected.");
        }

        return followUpReference is not null && !HitFeedback.IsValidFollowUpReference(followUpReference)
            ? new ProjectRuleViolation(ProjectRuleKind.InvalidRequest,
                $"The follow-up reference must be 1–{HitFeedback.MaxFollowUpReferenceLength} ASCII letters, digits, '.', '_', ':', '/' or '-'; "
                + "it is a reference such as a SIENA message id, never data.")
            : null;
    }

    private static string VerdictText(FeedbackVerdict verdict) => verdict == FeedbackVerdict.Confirmed ? "confirmed" : "rejected";

    private static FeedbackVerdict ParseVerdict(string text) => text switch
    {
        "confirmed" => FeedbackVerdict.Confirmed,
        "rejected" => FeedbackVerdict.Rejected,
        _ => throw new ProjectStoreException("A feedback row has an unknown verdict; the database is damaged."),
    };
}
