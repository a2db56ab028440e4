using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Projects;

// The key-ceremony relay, durable: a server restart in the middle of a ceremony loses nothing, so the nodes carry on.
// Messages are rows of the current round only; a roster change, a restart of the ceremony, opening the project and the
// purge drop them (in the same transaction as the change: see ChangeAsync). Relay traffic is opaque and not audited;
// the ceremony's start, restarts and confirmations are.
public sealed partial class ProjectStore
{
    /// <summary>
    /// Keeps a ceremony message of the project's current round; a party re-posting the same slot (stage, recipient)
    /// replaces its earlier message. Returns how many messages of that stage the round now holds.
    /// </summary>
    /// <param name="message">The message; its <see cref="RelayedCeremonyMessage.Round"/> must be the current round (0: not checked).</param>
    /// <param name="cancellationToken">Stops waiting for the lock.</param>
    /// <exception cref="ProjectRuleException">No such project, it is not in its key ceremony, or the round is not the current
    /// one (the message says to join again). Not audited.</exception>
    public async Task<int> RelayCeremonyMessageAsync(RelayedCeremonyMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Body);
        if (message.Body.Length is 0 or > RelayedCeremonyMessage.MaxBodyLength || !Enum.IsDefined(message.Stage))
        {
            throw new ProjectRuleException(new ProjectRuleViolation(ProjectRuleKind.InvalidRequest,
                $"A ceremony message needs a stage and a body of 1 to {RelayedCeremonyMessage.MaxBodyLength} bytes."));
        }

        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var project = CurrentCeremony(message.ProjectId, message.Round, transaction);
            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = ProjectStoreSchema.UpsertCeremonyMessage;
                insert.Parameters.AddWithValue("$project", project.Id);
                insert.Parameters.AddWithValue("$round", project.CeremonyRound);
                insert.Parameters.AddWithValue("$stage", (int)message.Stage);
                insert.Parameters.AddWithValue("$from", message.FromParty);
                insert.Parameters.AddWithValue("$to", message.ToParty);
                insert.Parameters.AddWithValue("$body", message.Body);
                insert.Parameters.AddWithValue("$fingerprint", message.Fingerprint);
                insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
            }

            int count;
            using (var counting = _connection.CreateCommand())
            {
                counting.Transaction = transaction;
                counting.CommandText = ProjectStoreSchema.CountCeremonyMessages;
                counting.Parameters.AddWithValue("$project", project.Id);
                counting.Parameters.AddWithValue("$round", project.CeremonyRound);
                counting.Parameters.AddWithValue("$stage", (int)message.Stage);
                count = Convert.ToInt32(counting.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            transaction.Commit();
            return count;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The current round's messages of <paramref name="stage"/>, ordered by sender then recipient: every registration and
    /// confirmation; of the shares only those addressed to <paramref name="recipient"/>.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="round">The round the reader runs (0: not checked).</param>
    /// <param name="stage">The stage.</param>
    /// <param name="recipient">The reading party (shares are filtered on it).</param>
    /// <param name="cancellationToken">Stops waiting for the lock.</param>
    /// <exception cref="ProjectRuleException">As for <see cref="RelayCeremonyMessageAsync"/>.</exception>
    public async Task<IReadOnlyList<RelayedCeremonyMessage>> ReadCeremonyMessagesAsync(
        string projectId, int round, CeremonyMessageStage stage, string recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(recipient);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var project = CurrentCeremony(projectId, round, null);
            using var command = _connection.CreateCommand();
            command.CommandText = ProjectStoreSchema.SelectCeremonyMessages;
            command.Parameters.AddWithValue("$project", project.Id);
            command.Parameters.AddWithValue("$round", project.CeremonyRound);
            command.Parameters.AddWithValue("$stage", (int)stage);
            command.Parameters.AddWithValue("$to", stage == CeremonyMessageStage.Share ? recipient : DBNull.Value);
            using var reader = command.ExecuteReader();
            var messages = new List<RelayedCeremonyMessage>();
            while (reader.Read())
            {
                messages.Add(new RelayedCeremonyMessage(project.Id, project.CeremonyRound, stage, reader.GetString(0), reader.GetString(1),
                    (byte[])reader.GetValue(2), reader.GetString(3)));
            }

            return messages;
        }
        finally
        {
            _lock.Release();
        }
    }

    // The project, when it is in its key ceremony and the caller's round is the current one.
    private MatchingProject CurrentCeremony(string projectId, int round, SqliteTransaction? transaction)
    {
        var project = (ProjectValidator.IsValidProjectId(projectId) ? Load(projectId, transaction) : null)
            ?? throw new ProjectRuleException(new ProjectRuleViolation(ProjectRuleKind.NotFound, $"There is no project {projectId}."));
        if (project.State != ProjectState.KeyCeremony)
        {
            throw new ProjectRuleException(new ProjectRuleViolation(ProjectRuleKind.WrongState, round != 0 && round != project.CeremonyRound
                ? ProjectLifecycle.CeremonyRestartedMessage(project, round)
                : $"Project {projectId} is not in its key ceremony (it is {project.State}); ask the coordinator to start it."));
        }

        if (round != 0 && round != project.CeremonyRound)
        {
            throw new ProjectRuleException(new ProjectRuleViolation(ProjectRuleKind.ConditionNotMet,
                ProjectLifecycle.CeremonyRestartedMessage(project, round)));
        }

        return project;
    }

    // Messages of an earlier round, or of a ceremony that is over, are dropped with the change that ends them.
    private int DropCeremonyMessages(MatchingProject before, MatchingProject after, SqliteTransaction transaction)
    {
        if (before.State != ProjectState.KeyCeremony && after.State != ProjectState.Purged)
        {
            return 0;
        }

        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ProjectStoreSchema.DropCeremonyMessages;
        command.Parameters.AddWithValue("$project", after.Id);
        command.Parameters.AddWithValue("$round", after.CeremonyRound);
        command.Parameters.AddWithValue("$keep", after.State == ProjectState.KeyCeremony ? 1 : 0);
        return command.ExecuteNonQuery();
    }
}
