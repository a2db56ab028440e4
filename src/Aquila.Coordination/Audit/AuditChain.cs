using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aquila.Coordination.Audit;

/// <summary>
/// The tamper-evident audit chain: an append-only SQLite table in which every entry's hash covers the previous entry's
/// hash (see <see cref="AuditEntryEncoding"/>). One writer loop commits concurrent appends in groups (one transaction
/// and one fsync per group, <c>synchronous=FULL</c> in WAL mode), so an append returns only once its entry survives a
/// power cut. Thread-safe.
/// </summary>
public sealed partial class AuditChain : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _readConnectionString;
    private readonly int _maxBatchSize;
    private readonly ILogger<AuditChain> _logger;
    private readonly TimeProvider _time;
    private readonly SqliteConnection _connection;
    private readonly Channel<PendingAppend> _queue;
    private readonly Lock _headLock = new();
    private readonly Task _writer;
    private AuditHead _head;
    private long _transactionCount;
    private int _disposed;

    private AuditChain(
        string path, int maxBatchSize, SqliteConnection connection, AuditHead head, ILogger<AuditChain> logger, TimeProvider time)
    {
        _path = path;
        _readConnectionString = ReadOnlyConnectionString(path, pooling: true);
        _maxBatchSize = maxBatchSize;
        _connection = connection;
        _head = head;
        _logger = logger;
        _time = time;
        _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
        _writer = Task.Run(RunWriterAsync);
        Telemetry.AuditMetrics.Track(this);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>The latest committed entry's (sequence, hash); <see cref="AuditHead.Empty"/> for an empty chain.</summary>
    public AuditHead Head
    {
        get
        {
            lock (_headLock)
            {
                return _head;
            }
        }
    }

    /// <summary>Transactions committed by this instance: with group commit, far fewer than appended entries under load.</summary>
    public long TransactionCount => Interlocked.Read(ref _transactionCount);

    /// <summary>Opens the chain in <see cref="AuditChainOptions.DatabasePath"/>, creating it when missing.</summary>
    /// <exception cref="AuditChainException">
    /// The file is no SQLite database, has an unknown schema version, or its last entry does not verify.
    /// </exception>
    public static Task<AuditChain> OpenAsync(
        AuditChainOptions options, ILogger<AuditChain> logger, CancellationToken cancellationToken = default) =>
        OpenAsync(options, logger, TimeProvider.System, cancellationToken);

    /// <summary>Opens the chain with a given clock for entry timestamps.</summary>
    /// <inheritdoc cref="OpenAsync(AuditChainOptions, ILogger{AuditChain}, CancellationToken)"/>
    public static async Task<AuditChain> OpenAsync(
        AuditChainOptions options, ILogger<AuditChain> logger, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var path = Path.GetFullPath(options.DatabasePath);
        var connection = await SqliteFiles.OpenReadWriteAsync(path, foreignKeys: false, cancellationToken).ConfigureAwait(false);
        try
        {
            PrepareDatabase(connection, path, logger);
            var head = LoadAndCheckHead(connection, path, logger);
            CoordinationLog.AuditChainOpened(logger, path, head.Sequence);
            return new AuditChain(path, options.MaxBatchSize, connection, head, logger, timeProvider);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new AuditChainException($"The audit database {path} cannot be opened: {ex.Message}", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Appends an entry and returns its receipt once it is committed to disk. Concurrent appends share one transaction.
    /// Cancelling stops the wait, not the write: an entry already queued is still committed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The chain was disposed.</exception>
    /// <exception cref="AuditChainException">The entry could not be committed (disk full, database damaged).</exception>
    public ValueTask<AuditReceipt> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<AuditReceipt>(cancellationToken);
        }

        var pending = new PendingSingle(auditEvent);
        Queue(pending);
        var task = pending.Completion.Task;
        return new ValueTask<AuditReceipt>(cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task);
    }

    /// <summary>
    /// Appends several entries, in the given order and next to each other in the chain, as one queue item (one lock and
    /// one wake-up of the writer instead of one per entry), and returns their receipts, in the same order, once all are
    /// committed to disk. They are committed in one transaction, with whatever else is queued meanwhile: all or none.
    /// Cancelling stops the wait, not the write.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or holds a null event.</exception>
    /// <exception cref="ObjectDisposedException">The chain was disposed.</exception>
    /// <exception cref="AuditChainException">The entries could not be committed (disk full, database damaged).</exception>
    public ValueTask<IReadOnlyList<AuditReceipt>> AppendManyAsync(
        IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default) =>
        AppendManyAsync(auditEvents, null, cancellationToken);

    /// <summary>
    /// <see cref="AppendManyAsync(IReadOnlyList{AuditEvent}, CancellationToken)"/> as the next item of
    /// <paramref name="series"/>: if an earlier item of the series was not committed, or the series was broken before this
    /// call, these entries are not written and the append fails.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or holds a null event.</exception>
    /// <exception cref="ObjectDisposedException">The chain was disposed.</exception>
    /// <exception cref="AuditChainException">The entries could not be committed, or the series is broken.</exception>
    public ValueTask<IReadOnlyList<AuditReceipt>> AppendManyAsync(
        IReadOnlyList<AuditEvent> auditEvents, AuditSeries? series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        if (auditEvents.Count == 0)
        {
            throw new ArgumentException("There are no audit events to append.", nameof(auditEvents));
        }

        var events = new AuditEvent[auditEvents.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = auditEvents[i] ?? throw new ArgumentException($"Audit event {i} is null.", nameof(auditEvents));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IReadOnlyList<AuditReceipt>>(cancellationToken);
        }

        if (series is { IsBroken: true })
        {
            return ValueTask.FromException<IReadOnlyList<AuditReceipt>>(new AuditChainException(
                $"{events.Length} entries were not appended to the audit chain {_path}: their series was stopped before them."));
        }

        var pending = new PendingMany(events, series);
        Queue(pending);
        var task = pending.Completion.Task;
        return new ValueTask<IReadOnlyList<AuditReceipt>>(cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task);
    }

    private void Queue(PendingAppend pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditChain), "The audit chain is closed.");
        }
    }

    /// <summary>
    /// The first (lowest sequence) entry of <paramref name="kind"/> about <paramref name="subject"/>, or null. The server
    /// uses it to answer a resent batch with the receipt of its original acceptance. Only <see cref="AuditKind.BatchAccepted"/>
    /// entries are indexed by subject; another kind reads the whole table.
    /// </summary>
    public async ValueTask<AuditEntry?> FindAsync(string kind, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(subject);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        if (string.Equals(kind, AuditKind.BatchAccepted, StringComparison.Ordinal))
        {
            command.CommandText = AuditSchema.SelectBatchAcceptedBySubject;
        }
        else
        {
            command.CommandText = AuditSchema.SelectByKindAndSubject;
            command.Parameters.AddWithValue("$kind", kind);
        }

        command.Parameters.AddWithValue("$subject", subject);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AuditRows.Read(reader) : null;
    }

    /// <summary>Up to <paramref name="max"/> entries from <paramref name="fromSequence"/> on, in order (for listing).</summary>
    /// <exception cref="AuditChainException">A row in the range is damaged (run <see cref="VerifyAsync"/>).</exception>
    public async ValueTask<IReadOnlyList<AuditEntry>> ReadAsync(long fromSequence, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = AuditSchema.SelectFrom;
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>(Math.Min(max, 256));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(AuditRows.Read(reader));
        }

        return entries;
    }

    /// <summary>
    /// Verifies the whole chain (numbering, links, hashes) and that it still contains every head in
    /// <paramref name="savedHeads"/>. Without saved heads, entries removed from the end cannot be detected.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(IEnumerable<AuditHead>? savedHeads, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var heads = savedHeads?.ToArray();
        var result = await Task.Run(
            async () =>
            {
                await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
                return AuditChainScanner.Scan(connection, heads, cancellationToken);
            },
            cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            CoordinationLog.AuditChainVerified(_logger, result.EntriesChecked, result.SavedHeadsChecked);
        }
        else
        {
            CoordinationLog.AuditChainVerificationFailed(_logger, result.FirstBadSequence ?? 0, result.Problem.ToString(), result.Message);
        }

        return result;
    }

    /// <summary>Commits what is queued, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Telemetry.AuditMetrics.Untrack(this);
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        DisposeWriterCommands();

        // Readers first, so the writer's connection is the last one and checkpoints the WAL into the database file.
        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        CoordinationLog.AuditChainClosed(_logger, _path, Head.Sequence);
    }

    internal static string ReadOnlyConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
