using System.ComponentModel.DataAnnotations;
using Aquila.Matching.Index;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Projects;

/// <summary>Where and with which keys one project's <see cref="ProjectMatcher"/> keeps its state.</summary>
public sealed class ProjectMatcherOptions
{
    /// <summary>The default largest number of records in one batch.</summary>
    public const int DefaultMaxBatchRecords = 1_000_000;

    /// <summary>The project's log directory (one per project; it holds nothing else). Created when missing.</summary>
    [Required]
    public required string Directory { get; init; }

    /// <summary>The project's 32-byte data key: the log is encrypted under it; destroying it crypto-shreds the project.</summary>
    public required ReadOnlyMemory<byte> DataKey { get; init; }

    /// <summary>K_server, the 16-byte AES-128 key tokens are re-keyed with before anything is stored.</summary>
    public required ReadOnlyMemory<byte> ServerKey { get; init; }

    /// <summary>Size at which a log segment is closed and the next one started.</summary>
    [Range(4096, long.MaxValue)]
    public long SegmentSize { get; init; } = WriteAheadLogOptions.DefaultSegmentSize;

    /// <summary>Largest number of records a batch may hold; larger batches are refused.</summary>
    [Range(1, 10_000_000)]
    public int MaxBatchRecords { get; init; } = DefaultMaxBatchRecords;

    /// <summary>The default <see cref="SnapshotEveryBytes"/>: 256 MiB of batch records.</summary>
    public const long DefaultSnapshotEveryBytes = 256L * 1024 * 1024;

    /// <summary>
    /// A snapshot is written after the batch that brings the batch records since the latest snapshot to this many bytes
    /// and to as many bytes as the latest snapshot covers (counted since opening): snapshots grow apart as the project
    /// grows, so writing them costs about twice the final state in all, and a restart after a crash replays at most
    /// about half of the batches (after a clean close, none: see <see cref="SnapshotOnDispose"/>). 0 turns size-driven
    /// snapshots off.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long SnapshotEveryBytes { get; init; } = DefaultSnapshotEveryBytes;

    /// <summary>Expected number of distinct tokens, to size the index up front (it grows by half at a time as needed).</summary>
    [Range(0, int.MaxValue)]
    public int InitialTokenCapacity { get; init; } = 1024;

    /// <summary>
    /// The project never starts stage 2 (a dry run declared in the server's configuration: it has no Matching phase).
    /// A schema whose scoring holds stage-1 hits below strong until they are scored (<c>"stage1": "strong-only"</c>)
    /// then releases them in their own bands as they are found, since no score would ever release them.
    /// </summary>
    public bool NeverScores { get; init; }

    /// <summary>
    /// Whether a batch's stage-2 part (block postings, new candidate pairs, comparisons) is left to a background worker
    /// while the project has not started scoring, so the batch is acknowledged once durable and its stage-1 part applied
    /// (issue 16). Off: stage 2 is done before the acknowledgement, as before. Either way the state is the same once the
    /// work is done; entering Matching, a snapshot and a data-set replacement wait for it.
    /// </summary>
    public bool DeferStage2 { get; init; } = true;

    /// <summary>The default <see cref="MaxStage2BacklogRecords"/>.</summary>
    public const long DefaultMaxStage2BacklogRecords = 500_000;

    /// <summary>
    /// Records whose stage-2 work may wait for the worker (a queued record holds a copy of its block entries, about
    /// 1 KiB with the built-in schema); past it, the batch being applied waits while the oldest queued work is done.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxStage2BacklogRecords { get; init; } = DefaultMaxStage2BacklogRecords;

    /// <summary>Whether closing the matcher writes a snapshot (when a batch was accepted since the latest one).</summary>
    public bool SnapshotOnDispose { get; init; } = true;

    /// <summary>The file system; tests pass a fault-injecting one (tests/Aquila.Testing).</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>The clock that stamps receipts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (ServerKey.Length != TokenRekeyer.KeySize)
        {
            throw new ArgumentException(
                $"ProjectMatcherOptions.ServerKey must be {TokenRekeyer.KeySize} bytes (AES-128), not {ServerKey.Length}.", nameof(ServerKey));
        }

        if (MaxBatchRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchRecords), MaxBatchRecords, "ProjectMatcherOptions.MaxBatchRecords must be at least 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEveryBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxStage2BacklogRecords);
        ArgumentOutOfRangeException.ThrowIfNegative(InitialTokenCapacity);
        ArgumentNullException.ThrowIfNull(FileSystem);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
