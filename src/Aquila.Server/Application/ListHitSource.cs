using Aquila.Matching.Lists;

namespace Aquila.Server.Application;

/// <summary>A contributor's events in a joint list (duplicates and query hits on its entries), as a <see cref="HitFeed"/> reads them.</summary>
internal sealed class ListHitSource(JointList list, string contributor) : IHitFeedSource<ListHitEvent>
{
    public string StoppedMessage => "The list was closed or the server is shutting down; follow again from your last sequence.";

    public ValueTask<FeedPage<ListHitEvent>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new FeedPage<ListHitEvent>(list.ReadEvents(contributor, afterSequence, max), afterSequence));

    public Task WaitAsync(long afterSequence, CancellationToken cancellationToken) =>
        list.WaitForEventsAsync(contributor, afterSequence, cancellationToken);

    public long SequenceOf(ListHitEvent item) => item.Sequence;

    public bool IsStopped(Exception exception, bool serverStopping) => exception is OperationCanceledException or ObjectDisposedException;
}
