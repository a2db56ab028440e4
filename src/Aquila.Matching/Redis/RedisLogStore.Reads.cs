using Aquila.Matching.Projects;

namespace Aquila.Matching.Redis;

// Reads: catch up with the log (one round trip when nothing is new), then answer from the local state. Once the project
// is purged this instance holds nothing of it, and reads answer as for an empty project (the server's lifecycle check
// refuses them anyway; a Matcher may read within its lifecycle cache's second).
public sealed partial class RedisLogStore
{
    private IProjectTokenStore Local => _local;

    /// <inheritdoc/>
    public async ValueTask<BatchReceipt?> FindReceiptAsync(string party, ReadOnlyMemory<byte> batchId, CancellationToken ct = default) =>
        await CatchUpAsync(ct).ConfigureAwait(false) ? null : _local.FindReceipt(party, batchId.Span);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<PartyHitEvent>> ReadHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default) =>
        await CatchUpAsync(ct).ConfigureAwait(false) ? [] : _local.ReadHits(party, afterSequence, max);

    /// <inheritdoc/>
    public async ValueTask<CurrentHitsPage> ReadCurrentHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default) =>
        await CatchUpAsync(ct).ConfigureAwait(false)
            ? new CurrentHitsPage([], Math.Max(0, afterSequence))
            : await Local.ReadCurrentHitsAsync(party, afterSequence, max, ct).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<long> LastHitSequenceAsync(string party, CancellationToken ct = default) =>
        await CatchUpAsync(ct).ConfigureAwait(false) ? 0 : _local.LastHitSequence(party);

    /// <inheritdoc/>
    /// <remarks>Entries appended by other instances wake the waiter within <see cref="RedisLogStoreOptions.PollInterval"/>.
    /// For a purged project it waits until cancelled or the store is closed.</remarks>
    public async Task WaitForHitsAsync(string party, long afterSequence, CancellationToken ct = default)
    {
        if (await CatchUpAsync(ct).ConfigureAwait(false))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _closed.Token);
            await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        }

        await _local.WaitForHitsAsync(party, afterSequence, ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectCounts> GetCountsAsync(CancellationToken ct = default)
    {
        if (!await CatchUpAsync(ct).ConfigureAwait(false))
        {
            return _local.Counts;
        }

        var parties = new PartyCounts[Definition.Parties.Count];
        for (var i = 0; i < parties.Length; i++)
        {
            parties[i] = new PartyCounts(Definition.Parties[i], 0, 0, 0, 0, 0);
        }

        return new ProjectCounts(parties, 0, 0, 0);
    }
}
