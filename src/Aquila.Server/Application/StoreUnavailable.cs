using Aquila.Matching.Redis;
using Grpc.Core;
using StackExchange.Redis;

namespace Aquila.Server.Application;

/// <summary>A shared store (Redis) that does not answer: Unavailable, so the node retries from its cursor or resends.</summary>
internal static class StoreUnavailable
{
    /// <summary>What a client reads when the Redis store does not answer: no key names, no project data, what to do.</summary>
    public const string RedisMessage =
        "The server's shared store (Redis) did not answer; nothing was acknowledged. Retry later: resending a batch is safe.";

    public static RpcException Of(IOException e) => IsRedisFailure(e)
        ? OfRedis(e)
        : new(new Status(StatusCode.Unavailable, "The matcher's store is unavailable (" + e.GetType().Name + "); retry later."));

    /// <summary>True for the Redis store's failures: <see cref="RedisStoreUnavailableException"/> and the Redis client's own errors.</summary>
    public static bool IsRedisFailure(Exception e) => e is RedisStoreUnavailableException or RedisException or RedisTimeoutException;

    /// <summary>Unavailable with <see cref="RedisMessage"/>; the exception's own text (key names, project ids) stays in the server's log.</summary>
    public static RpcException OfRedis(Exception e) => new(new Status(StatusCode.Unavailable, RedisMessage + " (" + e.GetType().Name + ")"));

    /// <summary>Runs a store call, turning its <see cref="IOException"/> into Unavailable.</summary>
    public static async Task<T> CallAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (IOException e)
        {
            throw Of(e);
        }
    }
}
