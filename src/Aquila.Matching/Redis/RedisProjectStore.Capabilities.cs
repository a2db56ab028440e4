using Aquila.Matching.Index;
using Aquila.Matching.Projects;

namespace Aquila.Matching.Redis;

// What the Redis store can and cannot do of IProjectTokenStore's optional capabilities.
public sealed partial class RedisProjectStore
{
    /// <inheritdoc/>
    public bool CanReplaceDataSets => false;

    /// <inheritdoc/>
    /// <remarks>Not supported yet: the Redis store cannot withdraw postings and hits in place.</remarks>
    public Task<SubmitOutcome> ReplaceDataSetAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default) =>
        throw new NotSupportedException("The Redis store cannot replace a data set.");

    /// <inheritdoc/>
    /// <remarks>The Redis store's streams hold no withdrawals, so its current hits are its whole stream.</remarks>
    public async ValueTask<CurrentHitsPage> ReadCurrentHitsAsync(string party, long afterSequence, int max, CancellationToken ct = default)
    {
        var events = await ReadHitsAsync(party, afterSequence, max, ct).ConfigureAwait(false);
        return new CurrentHitsPage(events, events.Count > 0 ? Math.Max(afterSequence, events[^1].Sequence) : Math.Max(0, afterSequence));
    }
}
