using Aquila.Matching.Projects;

namespace Aquila.Matching.Redis;

// Reads: catch up with the log (one round trip when nothing is new), then answer from the local state.
public sealed partial class RedisLogStore
{
    private IProjectTokenStore Local => _local;

    /// <inheritdoc/>
    public async ValueTask<BatchReceipt?> FindReceiptAsync(string party, ReadOnlyMemory<byte> batchId, CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        return _local.FindReceipt(party, batchId.Span);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<PartyHitEvent>> ReadHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        return _local.ReadHits(party, afterSequence, max);
    }

    /// <inheritdoc/>
    public async ValueTask<CurrentHitsPage> ReadCurrentHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        return await Local.ReadCurrentHitsAsync(party, afterSequence, max, ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<long> LastHitSequenceAsync(string party, CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        return _local.LastHitSequence(party);
    }

    /// <inheritdoc/>
    /// <remarks>Entries appended by other instances wake the waiter within <see cref="RedisLogStoreOptions.PollInterval"/>.</remarks>
    public async Task WaitForHitsAsync(string party, long afterSequence, CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        await _local.WaitForHitsAsync(party, afterSequence, ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectCounts> GetCountsAsync(CancellationToken ct = default)
    {
        await CatchUpAsync(ct).ConfigureAwait(false);
        return _local.Counts;
    }
}
