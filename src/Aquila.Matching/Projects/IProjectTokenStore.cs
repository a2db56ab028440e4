using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>
/// One matching project's token store: accepts token batches, finds hits, keeps each party's hit stream and the batch
/// receipts. Implemented by the embedded <see cref="ProjectMatcher"/> (write-ahead log, one process), by
/// <see cref="Redis.RedisProjectStore"/> (token postings in Redis Cluster, several stateless server instances) and by
/// <see cref="Redis.RedisLogStore"/> (the project's log of submissions in Redis, every instance following it with its own
/// <see cref="ProjectMatcher"/>). All give the same hits on the same data: the same hit ids, bands and agreeing keys.
/// </summary>
/// <remarks>
/// Replacing a party's data set is a capability the embedded store and the log layout have (<see cref="CanReplaceDataSets"/>).
/// Whether hits may be released to a party (the project lifecycle) is the caller's decision, not the store's.
/// </remarks>
public interface IProjectTokenStore : IAsyncDisposable
{
    /// <summary>The project's definition: roster, match keys, fanout limit.</summary>
    ProjectDefinition Definition { get; }

    /// <summary>
    /// Submits one batch of <paramref name="party"/>: re-keys its tokens with K_server, stores them, finds the hits it
    /// creates or updates and returns the receipt. A resend of an accepted batch id is answered from the receipt.
    /// </summary>
    /// <exception cref="IOException">The store could not make the batch durable; nothing was acknowledged and the batch may be resent.</exception>
    Task<SubmitOutcome> SubmitAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default);

    /// <summary>Whether <see cref="ReplaceDataSetAsync"/> is supported (the embedded store and the Redis log layout; not the postings layout).</summary>
    bool CanReplaceDataSets { get; }

    /// <summary>
    /// Submits one batch of <paramref name="party"/> that replaces the party's data set: the earlier batches are withdrawn
    /// (postings and hits) and this batch becomes the new data set.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot replace a data set (<see cref="CanReplaceDataSets"/> is false).</exception>
    /// <exception cref="IOException">The store could not make the batch durable; nothing was acknowledged and the batch may be resent.</exception>
    Task<SubmitOutcome> ReplaceDataSetAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default);

    /// <summary>The receipt of an accepted batch of <paramref name="party"/>, or null (also for a party not in the roster).</summary>
    ValueTask<BatchReceipt?> FindReceiptAsync(string party, ReadOnlyMemory<byte> batchId, CancellationToken ct = default);

    /// <summary>Up to <paramref name="max"/> entries of the party's hit stream after <paramref name="afterSequence"/>, oldest first.</summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    ValueTask<IReadOnlyList<PartyHitEvent>> ReadHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="ReadHitsAsync"/>, but without what replacements withdrew: the stream as if each party had submitted
    /// only its current data set (for a project whose hits are released once data sets can no longer change). A store that
    /// cannot replace data sets has no withdrawals, so this is its whole stream.
    /// </summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    ValueTask<CurrentHitsPage> ReadCurrentHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default);

    /// <summary>The sequence of the newest entry of the party's hit stream (0 when empty).</summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    ValueTask<long> LastHitSequenceAsync(string party, CancellationToken ct = default);

    /// <summary>Completes once the party's hit stream has an entry after <paramref name="afterSequence"/>.</summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    Task WaitForHitsAsync(string party, long afterSequence, CancellationToken ct = default);

    /// <summary>The project's figures now.</summary>
    ValueTask<ProjectCounts> GetCountsAsync(CancellationToken ct = default);

    /// <summary>
    /// Closes the store and deletes the project's server-side state (log and snapshots, or Redis keys including the
    /// wrapped data key). Destroying a data key kept outside the store (the embedded store's key file) is the caller's job.
    /// </summary>
    Task PurgeAsync(CancellationToken ct = default);

    /// <summary>
    /// Starts stage-2 scoring when the project enters Matching (the embedded store: fits and records the model, then
    /// releases what stage 2 finds). Returns false when the store does not score (no scoring section, or a store that
    /// carries stage 1 only: the Redis postings layout) or scoring had already started.
    /// </summary>
    Task<bool> StartScoringAsync(CancellationToken ct = default) => Task.FromResult(false);
}
