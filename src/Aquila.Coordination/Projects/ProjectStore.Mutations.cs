using Aquila.Coordination.Audit;
using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Projects;

// Creating and changing projects. Pattern of every change: take the lock, begin an IMMEDIATE transaction, read, decide
// with ProjectLifecycle, write, append the audit entry, commit. A refusal rolls back first and is audited after.
public sealed partial class ProjectStore
{
    /// <summary>Stores a new project in Draft (coordinator only) and audits it as <c>project.changed</c>.</summary>
    /// <exception cref="ProjectRuleException">The caller is no coordinator, the project is invalid or its id is taken.</exception>
    public async Task<ProjectChange> CreateAsync(
        MatchingProject project, ProjectCaller caller, AuditChain audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(audit);
        const string Action = "project.create";
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var auditId = ProjectValidator.IsValidProjectId(project.Id) ? project.Id : null;
            var transition = ProjectLifecycle.Create(caller, project, now);
            if (!transition.IsAllowed)
            {
                throw await RefusedAsync(audit, caller, auditId, Action, transition.Violation).ConfigureAwait(false);
            }

            var created = transition.Project;
            if (_reservedIds.Contains(created.Id))
            {
                throw await RefusedAsync(audit, caller, auditId, Action, new ProjectRuleViolation(ProjectRuleKind.IdTaken,
                    $"Project id {created.Id} is taken by a dry-run project declared in this server's configuration (Server:Projects); "
                    + "a coordinated project may not share it. Choose another id.")).ConfigureAwait(false);
            }

            using (var transaction = _connection.BeginTransaction())
            {
                if (Load(created.Id, transaction) is null)
                {
                    Write(ProjectStoreSchema.InsertProject, created, null, now, transaction);
                    var receipt = await AuditCommittedAsync(audit, ProjectAuditEvents.Created(caller, created)).ConfigureAwait(false);
                    transaction.Commit();
                    Keep(created);
                    ProjectStoreLog.Changed(_logger, created.Id, Action, caller.ToString(), created.State, created.Version);
                    return new ProjectChange(created, receipt);
                }
            }

            throw await RefusedAsync(audit, caller, auditId, Action, new ProjectRuleViolation(
                ProjectRuleKind.IdTaken, $"A project with id {created.Id} already exists; choose another id.")).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Applies a lifecycle action (see <see cref="ProjectLifecycle.Apply"/>) and audits it: ceremony start and
    /// confirmations as <c>ceremony.step</c>, purge and attestations as <c>purge</c>, everything else as
    /// <c>project.changed</c>. A <see cref="PurgeProject"/> here retains no hits; use <see cref="PurgeAsync"/> to keep them.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="caller">Who asks (from the certificate).</param>
    /// <param name="action">What to do.</param>
    /// <param name="audit">The chain to audit the change or the refusal in.</param>
    /// <param name="expectedVersion">When given, the change is refused as a conflict unless the project still has this version.</param>
    /// <param name="cancellationToken">Stops waiting for the lock; once writing has begun the change completes.</param>
    /// <exception cref="ProjectRuleException">The action was refused (and audited).</exception>
    public Task<ProjectChange> ApplyAsync(
        string projectId,
        ProjectCaller caller,
        ProjectAction action,
        AuditChain audit,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action is PurgeProject
            ? ChangeAsync(projectId, caller, action, audit, expectedVersion, [], cancellationToken)
            : ChangeAsync(projectId, caller, action, audit, expectedVersion, null, cancellationToken);
    }

    /// <summary>
    /// Purges a Closed project (coordinator, from the timeline's end on): the state becomes Purged, the hits are kept as
    /// (hit id, parties, band) only, and follow-up references of feedback are forgotten; audited as <c>purge</c>. The
    /// caller destroys the project's server-side data (WAL, key) once this returns.
    /// </summary>
    /// <exception cref="ProjectRuleException">The purge was refused (and audited), or a retained hit is malformed.</exception>
    public Task<ProjectChange> PurgeAsync(
        string projectId,
        ProjectCaller caller,
        IReadOnlyCollection<RetainedHit> retainedHits,
        AuditChain audit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retainedHits);
        return ChangeAsync(projectId, caller, new PurgeProject(), audit, null, retainedHits, cancellationToken);
    }

    private async Task<ProjectChange> ChangeAsync(
        string projectId,
        ProjectCaller caller,
        ProjectAction action,
        AuditChain audit,
        long? expectedVersion,
        IReadOnlyCollection<RetainedHit>? retainedHits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(audit);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var auditId = ProjectValidator.IsValidProjectId(projectId) ? projectId : null;
            ProjectRuleViolation? violation;
            using (var transaction = _connection.BeginTransaction())
            {
                var now = _time.GetUtcNow();
                var before = auditId is null ? null : Load(projectId, transaction);
                violation = Precheck(projectId, before, expectedVersion);
                if (violation is null)
                {
                    var transition = ProjectLifecycle.Apply(before!, caller, action, now);
                    violation = transition.Violation ?? (retainedHits is null ? null : CheckRetainedHits(before!, retainedHits));
                    if (violation is null)
                    {
                        var after = transition.Project;
                        if (Write(ProjectStoreSchema.UpdateProject, after, before!.Version, now, transaction) == 0)
                        {
                            violation = ConflictWith(projectId);
                        }
                        else
                        {
                            var dropped = DropCeremonyMessages(before!, after, transaction);
                            var auditEvent = retainedHits is null
                                ? ProjectAuditEvents.Changed(caller, before, after, action, dropped)
                                : ProjectAuditEvents.Purged(caller, before, after, retainedHits.Count);
                            if (retainedHits is not null)
                            {
                                Retain(projectId, retainedHits, transaction);
                            }

                            var receipt = await AuditCommittedAsync(audit, auditEvent).ConfigureAwait(false);
                            transaction.Commit();

                            // Before the lock is released: no read after this change returns may see the state before it.
                            Keep(after);
                            ProjectStoreLog.Changed(_logger, projectId, action.Name, caller.ToString(), after.State, after.Version);
                            if (retainedHits is not null)
                            {
                                ProjectStoreLog.Purged(_logger, projectId, caller.ToString(), retainedHits.Count);
                            }

                            return new ProjectChange(after, receipt);
                        }
                    }
                }
            }

            throw await RefusedAsync(audit, caller, auditId, action.Name, violation).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static ProjectRuleViolation? Precheck(string projectId, MatchingProject? project, long? expectedVersion)
    {
        if (!ProjectValidator.IsValidProjectId(projectId))
        {
            return new ProjectRuleViolation(ProjectRuleKind.InvalidRequest,
                "The project id must be 1–64 ASCII letters, digits, '.', '_' or '-'.");
        }

        if (project is null)
        {
            return new ProjectRuleViolation(ProjectRuleKind.NotFound, $"There is no project {projectId}.");
        }

        return expectedVersion is { } expected && expected != project.Version
            ? new ProjectRuleViolation(ProjectRuleKind.Conflict,
                $"Project {projectId} is at version {project.Version}, not {expected}: it changed meanwhile; read it again and retry.")
            : null;
    }

    private static ProjectRuleViolation ConflictWith(string projectId) => new(ProjectRuleKind.Conflict,
        $"Project {projectId} was changed by another writer of the same database; read it again and retry.");

    private static ProjectRuleViolation? CheckRetainedHits(MatchingProject project, IReadOnlyCollection<RetainedHit> hits)
    {
        var index = 0;
        foreach (var hit in hits)
        {
            index++;
            if (hit is null || !HitFeedback.IsValidHitId(hit.HitId) || !Enum.IsDefined(hit.Band)
                || !ProjectQueries.IsInvited(project, hit.PartyA) || !ProjectQueries.IsInvited(project, hit.PartyB)
                || hit.PartyA == hit.PartyB)
            {
                return new ProjectRuleViolation(ProjectRuleKind.InvalidRequest,
                    $"Retained hit number {index} is malformed: it needs a 32-hex-digit hit id, two different invited parties and a band.");
            }
        }

        return null;
    }

    private void Retain(string projectId, IReadOnlyCollection<RetainedHit> hits, SqliteTransaction transaction)
    {
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = ProjectStoreSchema.InsertRetainedHit;
        var project = insert.Parameters.Add("$project", SqliteType.Text);
        var hit = insert.Parameters.Add("$hit", SqliteType.Text);
        var a = insert.Parameters.Add("$a", SqliteType.Text);
        var b = insert.Parameters.Add("$b", SqliteType.Text);
        var band = insert.Parameters.Add("$band", SqliteType.Text);
        project.Value = projectId;
        foreach (var retained in hits)
        {
            hit.Value = retained.HitId;
            a.Value = retained.PartyA;
            b.Value = retained.PartyB;
            band.Value = StoredBand.Text(retained.Band);
            insert.ExecuteNonQuery();
        }

        using var forget = _connection.CreateCommand();
        forget.Transaction = transaction;
        forget.CommandText = ProjectStoreSchema.ForgetFollowUps;
        forget.Parameters.AddWithValue("$project", projectId);
        forget.ExecuteNonQuery();
    }

    private int Write(string sql, MatchingProject project, long? expectedVersion, DateTimeOffset now, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", project.Id);
        command.Parameters.AddWithValue("$version", project.Version);
        command.Parameters.AddWithValue("$state", project.State.ToString());
        command.Parameters.AddWithValue("$document", ProjectJson.Write(project));
        command.Parameters.AddWithValue("$updated_at", now.ToUnixTimeMilliseconds());
        if (expectedVersion is { } expected)
        {
            command.Parameters.AddWithValue("$expected", expected);
        }

        return command.ExecuteNonQuery();
    }

    // The entry must not be abandoned half-way: once the change is written, the audit append runs to the end and the
    // commit follows, so the chain never lacks a change that the store holds.
    private static async Task<AuditReceipt> AuditCommittedAsync(AuditChain audit, AuditEvent auditEvent) =>
        await audit.AppendAsync(auditEvent, CancellationToken.None).ConfigureAwait(false);

    private async Task<ProjectRuleException> RefusedAsync(
        AuditChain audit, ProjectCaller caller, string? projectId, string action, ProjectRuleViolation violation)
    {
        await audit.AppendAsync(ProjectAuditEvents.Refused(caller, projectId, action, violation), CancellationToken.None)
            .ConfigureAwait(false);
        ProjectStoreLog.Refused(_logger, projectId ?? "(invalid id)", action, caller.ToString(), violation.Kind);
        return new ProjectRuleException(violation);
    }
}
