using Aquila.Matching.Projects;

namespace Aquila.Server.Application;

/// <summary>
/// A party's hit stream in a matching project, as a <see cref="HitFeed"/> reads it: with <paramref name="currentOnly"/>,
/// without what replaced data sets withdrew (a coordinated project releases hits once data sets can no longer change, so
/// a replaced data set's hits were never released and are left out rather than shown as found and withdrawn).
/// </summary>
internal sealed class PartyHitSource(IProjectTokenStore store, string party, bool currentOnly) : IHitFeedSource<PartyHitEvent>
{
    public string StoppedMessage => "The server is shutting down; follow again from your last sequence once it is back.";

    public async ValueTask<FeedPage<PartyHitEvent>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        if (currentOnly)
        {
            var page = await StoreUnavailable.CallAsync(() => store.ReadCurrentHitsAsync(party, afterSequence, max, cancellationToken));
            return new FeedPage<PartyHitEvent>(page.Events, page.ScannedThrough);
        }

        var events = await StoreUnavailable.CallAsync(() => store.ReadHitsAsync(party, afterSequence, max, cancellationToken));
        return new FeedPage<PartyHitEvent>(events, afterSequence);
    }

    public async Task WaitAsync(long afterSequence, CancellationToken cancellationToken)
    {
        try
        {
            await store.WaitForHitsAsync(party, afterSequence, cancellationToken);
        }
        catch (IOException e)
        {
            throw StoreUnavailable.Of(e);
        }
    }

    public long SequenceOf(PartyHitEvent item) => item.Sequence;

    // Only a stopping server ends the follow this way; a store closed under the caller is an error as before.
    public bool IsStopped(Exception exception, bool serverStopping) => exception is OperationCanceledException && serverStopping;
}
