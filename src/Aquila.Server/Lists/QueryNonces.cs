namespace Aquila.Server.Lists;

/// <summary>
/// The nonces of signed queries seen within the signature window: a nonce is accepted once per party. In memory with the
/// embedded store (<see cref="InMemoryQueryNonces"/>), in Redis with the Redis store (<see cref="RedisQueryNonces"/>), so a
/// query replayed to another instance is refused too.
/// </summary>
internal abstract class QueryNonces
{
    /// <summary>
    /// True the first time (party, nonce) is seen; false for a replay. Asynchronous because the shared nonces are a Redis
    /// round trip, which must not hold a thread-pool thread on the query path.
    /// </summary>
    public abstract ValueTask<bool> TryUseAsync(string party, ReadOnlySpan<byte> nonce);
}
