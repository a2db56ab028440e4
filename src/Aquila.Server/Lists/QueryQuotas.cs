namespace Aquila.Server.Lists;

/// <summary>
/// Each party's query tokens per list and UTC day. In memory with the embedded store (<see cref="InMemoryQueryQuotas"/>),
/// in Redis with the Redis store (<see cref="RedisQueryQuotas"/>), so a party cannot multiply its quota by spreading its
/// queries over instances.
/// </summary>
internal abstract class QueryQuotas
{
    /// <summary>
    /// Counts <paramref name="tokens"/> against the quota; <see cref="QuotaCount.Counted"/> false (nothing counted) when they
    /// do not fit. <see cref="QuotaCount.Used"/> is the day's count after this call. Asynchronous because the shared
    /// counters are a Redis round trip, which must not hold a thread-pool thread on the query path.
    /// </summary>
    public abstract ValueTask<QuotaCount> TryConsumeAsync(string project, string party, long tokens, long quota);
}
