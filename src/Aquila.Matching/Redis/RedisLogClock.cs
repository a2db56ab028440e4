namespace Aquila.Matching.Redis;

/// <summary>
/// The clock a follower's <see cref="Projects.ProjectMatcher"/> stamps receipts with: the time the entry being applied
/// was appended, so every instance gives a batch the same receipt.
/// </summary>
internal sealed class RedisLogClock : TimeProvider
{
    private long _now = DateTimeOffset.UnixEpoch.ToUnixTimeMilliseconds();

    /// <summary>Set by the follower before it applies an entry.</summary>
    public DateTimeOffset Now
    {
        get => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _now));
        set => Interlocked.Exchange(ref _now, value.ToUnixTimeMilliseconds());
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
