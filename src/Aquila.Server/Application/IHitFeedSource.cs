namespace Aquila.Server.Application;

/// <summary>Where a <see cref="HitFeed"/> reads: a party's hit stream in a matching project or its events in a joint list.</summary>
internal interface IHitFeedSource<T>
{
    /// <summary>Up to <paramref name="max"/> entries after <paramref name="afterSequence"/>, oldest first.</summary>
    ValueTask<FeedPage<T>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>Completes once there is an entry after <paramref name="afterSequence"/>.</summary>
    Task WaitAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>The sequence of an entry (the follower's cursor).</summary>
    long SequenceOf(T item);

    /// <summary>Whether <paramref name="exception"/>, thrown while waiting, means the source or the server went away.</summary>
    bool IsStopped(Exception exception, bool serverStopping);

    /// <summary>What a follower is told then (it follows again from its last sequence).</summary>
    string StoppedMessage { get; }
}
