namespace Aquila.Server.Application;

/// <summary>A page of a hit feed: the entries read and the sequence up to which the source was read (the next cursor).</summary>
internal sealed record FeedPage<T>(IReadOnlyList<T> Items, long ScannedThrough);
