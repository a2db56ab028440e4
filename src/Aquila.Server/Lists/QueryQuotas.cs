namespace Aquila.Server.Lists;

/// <summary>
/// Each party's query tokens per list and UTC day. In memory with the embedded store (<see cref="InMemoryQueryQuotas"/>),
/// in Redis with the Redis store (<see cref="RedisQueryQuotas"/>), so a party cannot multiply its quota by spreading its
/// queries over instances.
/// </summary>
internal abstract class QueryQuotas
{
    /// <summary>
    /// Counts <paramref name="tokens"/> against the quota; false (nothing counted) when they do not fit. <paramref name="used"/>
    /// is the day's count after this call.
    /// </summary>
    public abstract bool TryConsume(string project, string party, long tokens, long quota, out long used);
}
