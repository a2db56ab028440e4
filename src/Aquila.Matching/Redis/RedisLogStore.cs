using System.Collections.Concurrent;
using System.Security.Cryptography;
using Aquila.Matching.Projects;
using Aquila.Matching.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>
/// A matching project's token store kept as a replicated state machine on Redis (the "log" layout): Redis holds the
/// project's ordered, durable log of submissions (one stream, one sealed entry per batch) and every server instance runs
/// the embedded <see cref="ProjectMatcher"/> as a follower that applies the log in order. Redis does O(1) work per batch;
/// each instance does the matching itself and holds the whole project in memory.
/// </summary>
/// <remarks>
/// <para>A submission appends one entry (one script call), waits until this instance's follower has applied it (and
/// everything before it) and answers with the outcome of that application: the batch is durable in Redis and in the
/// local state. Reads first catch up to the log's end (one Redis round trip when nothing is new), so a batch sent to one
/// instance is seen by a read on any other. <see cref="ProjectMatcher"/> is deterministic and answers resends from its
/// receipts, so every follower reaches the same receipts, hit ids, bands, sequences and scores, and applying an entry
/// twice (after a restart) changes nothing.</para>
/// <para>Protection: entries are sealed with AES-256-GCM under a key derived from the project's data key, which Redis
/// keeps wrapped under K_server (as in <see cref="RedisProjectStore"/>); the local write-ahead log is encrypted under
/// another key derived from it. Purge appends a purge entry, then deletes the wrapped key and every key of the project;
/// a follower drops its local state when it applies the purge entry or finds the data key gone.</para>
/// <para>Instances are safe for concurrent use.</para>
/// </remarks>
public sealed partial class RedisLogStore : IProjectTokenStore
{
    private readonly RedisLogStoreOptions _options;
    private readonly IDatabase _db;
    private readonly RedisLogKeys _keys;
    private readonly RedisLogCipher _cipher;
    private readonly RedisLogClock _clock;
    private readonly RedisLogPosition _positionFile;
    private readonly ProjectMatcher _local;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _followGate = new(1, 1); // applying log entries to the local matcher, in order
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _waiters = new();
    private readonly CancellationTokenSource _closed = new();
    private string _position; // under _followGate: the id of the last entry applied
    private Task _follower = Task.CompletedTask;
    private volatile bool _purged; // set under _followGate
    private int _disposed;

    private RedisLogStore(RedisLogStoreOptions options, RedisLogKeys keys, RedisLogCipher cipher, RedisLogClock clock,
        RedisLogPosition positionFile, ProjectMatcher local, ILogger logger)
    {
        _options = options;
        _db = options.Connection.GetDatabase();
        _keys = keys;
        _cipher = cipher;
        _clock = clock;
        _positionFile = positionFile;
        _local = local;
        _logger = logger;
        _position = positionFile.Read();
    }

    /// <inheritdoc/>
    public ProjectDefinition Definition => _local.Definition;

    /// <summary>The id of the last log entry this instance applied (<c>0-0</c> before the first).</summary>
    public string AppliedPosition => _position;

    /// <summary>
    /// Opens a project in the log layout: stores its definition and a fresh wrapped data key when this is the first
    /// instance to open it, opens this instance's local state (or rebuilds it when it belongs to an earlier project of
    /// that id) and catches up with the log.
    /// </summary>
    /// <exception cref="ProjectDefinitionMismatchException">Redis holds this project with another roster, schema or fanout.</exception>
    /// <exception cref="InvalidDataException">The stored data key was wrapped under another K_server, or the project is stored in
    /// the postings layout.</exception>
    /// <exception cref="RedisStoreUnavailableException">Redis cannot be reached.</exception>
    public static async Task<RedisLogStore> OpenAsync(
        ProjectDefinition definition, RedisLogStoreOptions options, ILoggerFactory loggers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        definition.Validate();
        options.Validate();
        var keys = new RedisLogKeys(options.KeyPrefix, definition.ProjectId);
        var logger = loggers.CreateLogger<RedisLogStore>();
        var db = options.Connection.GetDatabase();
        byte[] dataKey;
        bool created;
        try
        {
            await VerifyDefinitionAsync(db, keys, definition).ConfigureAwait(false);
            (dataKey, created) = await RedisDataCipher.OpenOrCreateDataKeyAsync(db, keys.DataKey, options.ServerKey, definition.ProjectId).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw RedisProjectStore.Unavailable(logger, e, "open", definition.ProjectId);
        }

        var cipher = new RedisLogCipher(dataKey, definition.ProjectId);
        CryptographicOperations.ZeroMemory(dataKey);
        RedisLogStore? store = null;
        try
        {
            var clock = new RedisLogClock();
            var positionFile = new RedisLogPosition(options.FileSystem, options.Directory);
            var (local, localState) = await OpenLocalAsync(definition, options, cipher, clock, positionFile, loggers, logger, ct).ConfigureAwait(false);
            store = new RedisLogStore(options, keys, cipher, clock, positionFile, local, logger);
            RedisLogStoreLog.Opened(logger, definition.ProjectId, created ? "created" : "unwrapped", localState, store._position);
            await store.CatchUpAsync(ct).ConfigureAwait(false);
            store._follower = store.FollowAsync();
            return store;
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                cipher.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Stops following, waits for an entry being applied, and closes the local matcher (which writes its snapshot) and
    /// the keys held in memory; wakes every waiting watcher with an <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            await _follower.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The follower stops by cancellation.
        }

        await _followGate.WaitAsync().ConfigureAwait(false);
        try
        {
            FailWaiters(new ObjectDisposedException(nameof(RedisLogStore), $"The store of project {Definition.ProjectId} was closed."));
            await _local.DisposeAsync().ConfigureAwait(false);
            _cipher.Dispose();
        }
        finally
        {
            _followGate.Release();
        }
    }

    private static async Task<(ProjectMatcher Matcher, string State)> OpenLocalAsync(ProjectDefinition definition, RedisLogStoreOptions options,
        RedisLogCipher cipher, RedisLogClock clock, RedisLogPosition positionFile, ILoggerFactory loggers, ILogger logger, CancellationToken ct)
    {
        options.FileSystem.CreateDirectory(options.Directory);
        options.FileSystem.CreateDirectory(LocalLogDirectory(options));
        var matcherOptions = new ProjectMatcherOptions
        {
            Directory = LocalLogDirectory(options),
            DataKey = cipher.LocalLogKey,
            ServerKey = options.ServerKey,
            MaxBatchRecords = options.MaxBatchRecords,
            InitialTokenCapacity = options.InitialTokenCapacity,
            NeverScores = options.NeverScores,
            SnapshotEveryBytes = options.SnapshotEveryBytes,
            FileSystem = options.FileSystem,
            TimeProvider = clock,
        };
        try
        {
            var state = options.FileSystem.ListFiles(matcherOptions.Directory).Count > 0 ? "kept" : "new";
            return (await ProjectMatcher.OpenAsync(definition, matcherOptions, loggers, ct).ConfigureAwait(false), state);
        }
        catch (Exception e) when (e is WalDataKeyMismatchException or ProjectDefinitionMismatchException)
        {
            // The local state is a copy of an earlier project of this id (purged while this instance was away): rebuild it.
            RedisLogStoreLog.LocalStateRebuilt(logger, definition.ProjectId);
            DeleteFiles(options.FileSystem, matcherOptions.Directory);
            positionFile.Delete();
            return (await ProjectMatcher.OpenAsync(definition, matcherOptions, loggers, ct).ConfigureAwait(false), "rebuilt");
        }
    }

    private static string LocalLogDirectory(RedisLogStoreOptions options) => Path.Combine(options.Directory, "wal");

    private static void DeleteFiles(IFileSystem files, string directory)
    {
        foreach (var name in files.ListFiles(directory))
        {
            files.DeleteFile(Path.Combine(directory, name));
        }
    }

    private static async Task VerifyDefinitionAsync(IDatabase db, RedisLogKeys keys, ProjectDefinition definition)
    {
        var encoded = DefinitionRecordCodec.Encode(definition);
        var opened = (RedisResult[])(await db.ScriptEvaluateAsync(RedisLogScripts.Open, [keys.Definition, keys.Layout],
            [encoded, RedisLogKeys.LayoutVersion]).ConfigureAwait(false))!;
        var stored = (byte[]?)opened[0]
            ?? throw new RedisStoreUnavailableException($"The definition of project {definition.ProjectId} vanished from Redis while it was opened (purged?).");
        var layout = (string?)opened[1];
        if (layout != RedisLogKeys.LayoutVersion)
        {
            throw new InvalidDataException(
                $"Project {definition.ProjectId} in Redis is stored in layout {layout ?? "1"} (token postings in Redis), not as a log of submissions; " +
                "open it with Server:Matcher:Redis:Layout = Postings, or purge it from Redis and have the nodes resend their batches (docs/scale-out.md).");
        }

        if (!stored.AsSpan().SequenceEqual(encoded))
        {
            DefinitionRecordCodec.VerifySame(stored, definition);
        }
    }

    private void FailWaiters(Exception reason)
    {
        foreach (var (origin, waiter) in _waiters)
        {
            if (_waiters.TryRemove(origin, out _))
            {
                waiter.TrySetException(reason);
            }
        }
    }

    private void ThrowIfPurged()
    {
        if (_purged)
        {
            throw new ObjectDisposedException(nameof(RedisLogStore),
                $"Project {Definition.ProjectId} was purged; this instance no longer holds any of its state.");
        }
    }
}
