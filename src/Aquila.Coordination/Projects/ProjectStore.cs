using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The SQLite store of matching projects, analyst feedback and purge records. One connection and one writer at a time
/// (a lock in this process, a version check against other writers of the same file); every change runs in a
/// transaction with <c>synchronous=FULL</c>, and is committed only after its audit entry is — so nothing changes
/// unaudited. Refused actions are audited too and then thrown as <see cref="ProjectRuleException"/>: a denial for the
/// caller's role or party as <c>auth.denied</c>, anything else as <c>project.changed</c> with <c>refused=true</c>.
/// </summary>
public sealed partial class ProjectStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ILogger<ProjectStore> _logger;
    private readonly TimeProvider _time;
    private readonly string _path;
    private readonly HashSet<string> _reservedIds;

    // The last committed value of each project read or changed here (list queries read their project on every call).
    private readonly Dictionary<string, MatchingProject> _kept = new(StringComparer.Ordinal);
    private readonly SqliteCommand _dataVersion;
    private long _seenDataVersion;
    private int _disposed;

    private ProjectStore(string path, SqliteConnection connection, ILogger<ProjectStore> logger, TimeProvider time,
        IEnumerable<string> reservedIds)
    {
        _path = path;
        _reservedIds = new HashSet<string>(reservedIds, StringComparer.Ordinal);
        _connection = connection;
        _logger = logger;
        _time = time;
        _dataVersion = connection.CreateCommand();
        _dataVersion.CommandText = "PRAGMA data_version";
        _seenDataVersion = Convert.ToInt64(_dataVersion.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Opens the store in <see cref="ProjectStoreOptions.DatabasePath"/>, creating it when missing.</summary>
    /// <exception cref="ProjectStoreException">The file is no SQLite database or has an unknown schema version.</exception>
    public static Task<ProjectStore> OpenAsync(
        ProjectStoreOptions options, ILogger<ProjectStore> logger, CancellationToken cancellationToken = default) =>
        OpenAsync(options, logger, TimeProvider.System, cancellationToken);

    /// <summary>Opens the store with a given clock (deadlines, timestamps).</summary>
    /// <inheritdoc cref="OpenAsync(ProjectStoreOptions, ILogger{ProjectStore}, CancellationToken)"/>
    public static async Task<ProjectStore> OpenAsync(
        ProjectStoreOptions options, ILogger<ProjectStore> logger, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var path = Path.GetFullPath(options.DatabasePath);
        var connection = await SqliteFiles.OpenReadWriteAsync(path, foreignKeys: true, cancellationToken).ConfigureAwait(false);
        try
        {
            Prepare(connection, path);
            var count = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM projects"), CultureInfo.InvariantCulture);
            ProjectStoreLog.Opened(logger, path, count);
            return new ProjectStore(path, connection, logger, timeProvider, options.ReservedProjectIds);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ProjectStoreException($"The project database {path} cannot be opened: {ex.Message}", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The project, or null when there is none with that id. Served from memory after the first read: every change made
    /// through this store replaces the kept value before the change returns, and a commit by another connection to the
    /// database (seen through <c>PRAGMA data_version</c>) drops every kept value, so a read never returns a state older
    /// than the last committed change.
    /// </summary>
    public async Task<MatchingProject?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ForgetIfChangedElsewhere();
            if (_kept.TryGetValue(projectId, out var kept))
            {
                return kept;
            }

            var project = Load(projectId, null);
            if (project is not null)
            {
                _kept[projectId] = project;
            }

            return project;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Every project, ordered by id.</summary>
    public async Task<IReadOnlyList<MatchingProject>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = ProjectStoreSchema.SelectAllProjects;
            using var reader = command.ExecuteReader();
            var projects = new List<MatchingProject>();
            while (reader.Read())
            {
                projects.Add(ProjectJson.Read(reader.GetString(0), "in the list"));
            }

            return projects;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _dataVersion.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        _lock.Dispose();
        ProjectStoreLog.Closed(_logger, _path);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _disposed) != 0)
        {
            _lock.Release();
            throw new ObjectDisposedException(nameof(ProjectStore));
        }
    }

    // Called with the lock held. data_version changes only for commits of other connections, never for this one's.
    private void ForgetIfChangedElsewhere()
    {
        var version = Convert.ToInt64(_dataVersion.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version != _seenDataVersion)
        {
            _kept.Clear();
            _seenDataVersion = version;
        }
    }

    // Called with the lock held, after the change is committed.
    private void Keep(MatchingProject project) => _kept[project.Id] = project;

    private MatchingProject? Load(string projectId, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ProjectStoreSchema.SelectProject;
        command.Parameters.AddWithValue("$id", projectId);
        return command.ExecuteScalar() is string json ? ProjectJson.Read(json, projectId) : null;
    }

    private static void Prepare(SqliteConnection connection, string path)
    {
        // WAL keeps readers of other processes (the CLI) off the writer's back; FULL syncs every commit to disk.
        var journalMode = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProjectStoreException($"The project database {path} cannot use write-ahead logging (journal mode is {journalMode}).");
        }

        Scalar(connection, "PRAGMA synchronous = FULL");
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        var hasTable = Convert.ToInt64(Scalar(connection, ProjectStoreSchema.TableExists), CultureInfo.InvariantCulture) > 0;
        if (!hasTable && version == 0)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ProjectStoreSchema.Create + ProjectStoreSchema.CreateAdditions;
            command.ExecuteNonQuery();
            transaction.Commit();
            return;
        }

        if (!hasTable || version != ProjectStoreSchema.Version)
        {
            throw new ProjectStoreException(
                $"The database {path} is not an Aquila project store of schema version {ProjectStoreSchema.Version} "
                + $"(user_version {version}, projects table {(hasTable ? "present" : "missing")}).");
        }

        Scalar(connection, ProjectStoreSchema.CreateAdditions);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
