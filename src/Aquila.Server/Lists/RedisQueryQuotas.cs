using Aquila.Server.ScaleOut;
using Grpc.Core;
using StackExchange.Redis;

namespace Aquila.Server.Lists;

/// <summary>
/// Query quotas in Redis, shared by every instance: one script per query checks the day's count and, when the tokens fit,
/// adds them (INCRBY) and sets the key's expiry (EXPIRE), atomically, so concurrent queries on several instances can
/// neither exceed the quota together nor be refused for tokens that were never counted.
/// </summary>
internal sealed class RedisQueryQuotas(IConnectionMultiplexer redis, ScaleOutKeys keys, TimeProvider clock) : QueryQuotas
{
    // ARGV: tokens, quota, seconds to keep the day's counter. Returns {1 = counted | 0 = refused, count after the call}.
    private const string Consume = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local tokens = tonumber(ARGV[1])
        if used + tokens > tonumber(ARGV[2]) then return {0, used} end
        used = redis.call('INCRBY', KEYS[1], tokens)
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return {1, used}
        """;

    // A day's counter outlives its day by one, so clocks of instances a little apart still count into the same key.
    private const long KeepSeconds = 2 * 24 * 3600;

    /// <inheritdoc/>
    /// <exception cref="RpcException">Unavailable: Redis does not answer (nothing was counted).</exception>
    public override async ValueTask<QuotaCount> TryConsumeAsync(string project, string party, long tokens, long quota)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber;
        RedisResult result;
        try
        {
            result = await redis.GetDatabase().ScriptEvaluateAsync(Consume, [keys.Quota(project, party, day)], [tokens, quota, KeepSeconds])
                .ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw Unavailable(e);
        }

        var values = (RedisResult[])result!;
        return new QuotaCount((long)values[0] == 1, (long)values[1]);
    }

    internal static RpcException Unavailable(RedisException e) => new(new Status(StatusCode.Unavailable,
        "The shared query counters (Redis) are unavailable (" + e.GetType().Name + "); the query was not answered. Retry later."));
}
