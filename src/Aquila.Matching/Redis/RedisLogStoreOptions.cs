using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Storage;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>How a <see cref="RedisLogStore"/> reaches the project's Redis log and where this instance keeps its own copy of the state.</summary>
public sealed class RedisLogStoreOptions
{
    /// <summary>The default <see cref="PollInterval"/>.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The first part of every key name (as <see cref="RedisProjectStoreOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; init; } = RedisProjectStoreOptions.DefaultKeyPrefix;

    /// <summary>The connection to Redis (a single instance or a cluster), shared by every project of the server.</summary>
    public required IConnectionMultiplexer Connection { get; init; }

    /// <summary>
    /// K_server (16 bytes): the local matcher re-keys tokens with it, and the project's data key is kept in Redis wrapped
    /// under a key derived from it, so every instance with the same K_server can read the log.
    /// </summary>
    public required ReadOnlyMemory<byte> ServerKey { get; init; }

    /// <summary>
    /// This instance's directory for the project (one per project and instance): its local write-ahead log and snapshots
    /// (encrypted under a key derived from the project's data key) and the id of the last log entry applied.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>Largest number of records a batch may hold; larger batches are refused before they reach the log.</summary>
    public int MaxBatchRecords { get; init; } = ProjectMatcherOptions.DefaultMaxBatchRecords;

    /// <summary>How often an idle follower looks for entries appended by other instances (reads catch up at once anyway).</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>Log entries read per Redis call while catching up (each holds a whole batch).</summary>
    public int EntriesPerRead { get; init; } = 8;

    /// <summary>Expected number of distinct tokens, to size the local index up front.</summary>
    public int InitialTokenCapacity { get; init; } = 1024;

    /// <summary>The project never starts stage 2 (a declared dry run): see <see cref="Projects.ProjectMatcherOptions.NeverScores"/>.</summary>
    public bool NeverScores { get; init; }

    /// <summary>As <see cref="ProjectMatcherOptions.SnapshotEveryBytes"/>, for the local state.</summary>
    public long SnapshotEveryBytes { get; init; } = ProjectMatcherOptions.DefaultSnapshotEveryBytes;

    /// <summary>The clock that stamps appended entries (and so every instance's receipts).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The file system of the local state; tests pass a fault-injecting one.</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>Test seam: called just before an entry is appended, so a test can fail an append before it reaches Redis.</summary>
    internal Func<ValueTask>? BeforeAppend { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory);
        if (ServerKey.Length != TokenRekeyer.KeySize)
        {
            throw new ArgumentException(
                $"RedisLogStoreOptions.ServerKey must be {TokenRekeyer.KeySize} bytes (AES-128), not {ServerKey.Length}.", nameof(ServerKey));
        }

        if (MaxBatchRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchRecords), MaxBatchRecords, "RedisLogStoreOptions.MaxBatchRecords must be at least 1.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "RedisLogStoreOptions.PollInterval must be positive.");
        }

        if (EntriesPerRead is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(EntriesPerRead), EntriesPerRead, "RedisLogStoreOptions.EntriesPerRead must be 1 to 1000.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(FileSystem);
        if (string.IsNullOrEmpty(KeyPrefix) || KeyPrefix.Length > 32)
        {
            throw new ArgumentException("RedisLogStoreOptions.KeyPrefix must be 1 to 32 characters.", nameof(KeyPrefix));
        }
    }
}
