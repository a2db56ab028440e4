using Aquila.Matching.Redis;
using Aquila.Server.Options;
using StackExchange.Redis;

namespace Aquila.Cli.Local;

/// <summary>
/// Removes a local run's project from the Redis it ran on (data key first, then every key, then an AOF rewrite), so a
/// simulation on an operator's Redis leaves neither re-keyed tokens nor sealed handles behind.
/// </summary>
internal static class RedisRunCleanup
{
    /// <summary>A key prefix no other run uses, e.g. "aqsim-1a2b3c4d".</summary>
    public static string NewKeyPrefix(string kind) => kind + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Purges <paramref name="projectId"/> under <paramref name="redis"/>'s key prefix; returns the keys deleted.</summary>
    public static async Task<long> PurgeAsync(RedisMatcherOptions redis, string projectId)
    {
        var configuration = ConfigurationOptions.Parse(redis.Configuration);
        // The purge asks every master for BGREWRITEAOF, an admin command for StackExchange.Redis.
        configuration.AllowAdmin = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        return await RedisProjectStore.PurgeAsync(connection, projectId, redis.KeyPrefix)
            + await Server.ScaleOut.ScaleOutCleanup.DeleteAuditRelayAsync(connection, redis.KeyPrefix);
    }
}
