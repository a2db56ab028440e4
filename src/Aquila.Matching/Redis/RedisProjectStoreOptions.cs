using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>How a <see cref="RedisProjectStore"/> reaches Redis and with which keys it protects what it stores there.</summary>
public sealed class RedisProjectStoreOptions
{
    /// <summary>The default number of token shards (hash-tagged key groups) per project.</summary>
    public const int DefaultTokenShards = 64;

    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "aq";

    /// <summary>
    /// The first part of every key name (ASCII letters, digits, '.', '_', '-'): deployments (or test runs) with their own
    /// prefix can share one Redis without meeting.
    /// </summary>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    /// <summary>The connection to Redis (a single instance or a cluster), shared by every project of the server.</summary>
    public required IConnectionMultiplexer Connection { get; init; }

    /// <summary>
    /// K_server (16 bytes): tokens are re-keyed with it before they leave the process, and the project's data key is
    /// stored in Redis wrapped under a key derived from it, so every server instance with the same K_server can use it.
    /// </summary>
    public required ReadOnlyMemory<byte> ServerKey { get; init; }

    /// <summary>
    /// Token shards per project: each is one hash tag, so one Redis Cluster slot. More shards spread a project over
    /// more masters. Fixed for a project's lifetime (it is part of the stored definition check).
    /// </summary>
    public int TokenShards { get; init; } = DefaultTokenShards;

    /// <summary>Largest number of records a batch may hold; larger batches are refused.</summary>
    public int MaxBatchRecords { get; init; } = ProjectMatcherOptions.DefaultMaxBatchRecords;

    /// <summary>How often a waiting hit watcher looks for entries written by other server instances.</summary>
    public TimeSpan HitPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock that stamps receipts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Test seam: called at each stage of a submission, so a test can stop a batch half-way.</summary>
    internal Func<RedisSubmitStage, ValueTask>? StageHook { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Connection);
        if (ServerKey.Length != TokenRekeyer.KeySize)
        {
            throw new ArgumentException(
                $"RedisProjectStoreOptions.ServerKey must be {TokenRekeyer.KeySize} bytes (AES-128), not {ServerKey.Length}.", nameof(ServerKey));
        }

        if (TokenShards is < 1 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenShards), TokenShards, "RedisProjectStoreOptions.TokenShards must be 1 to 16384.");
        }

        if (MaxBatchRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchRecords), MaxBatchRecords, "RedisProjectStoreOptions.MaxBatchRecords must be at least 1.");
        }

        if (HitPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HitPollInterval), HitPollInterval, "RedisProjectStoreOptions.HitPollInterval must be positive.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (string.IsNullOrEmpty(KeyPrefix) || KeyPrefix.Length > 32)
        {
            throw new ArgumentException("RedisProjectStoreOptions.KeyPrefix must be 1 to 32 characters.", nameof(KeyPrefix));
        }
    }
}
