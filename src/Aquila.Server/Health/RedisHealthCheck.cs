using Aquila.Server.Projects;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Aquila.Server.Health;

/// <summary>With the Redis store: healthy when every Redis master answers PING; without it, healthy (nothing to check).</summary>
internal sealed class RedisHealthCheck(MatcherRedis matcherRedis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (matcherRedis.Connection is not { } redis)
        {
            return HealthCheckResult.Healthy("embedded store");
        }

        var masters = 0;
        foreach (var server in redis.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }

            try
            {
                await server.PingAsync();
                masters++;
            }
            catch (RedisException e)
            {
                return HealthCheckResult.Unhealthy($"Redis node {server.EndPoint} does not answer: {e.GetType().Name}");
            }
        }

        return masters > 0 ? HealthCheckResult.Healthy($"{masters} Redis master(s) answer") : HealthCheckResult.Unhealthy("no Redis master is known");
    }
}
