using Aquila.Server.Options;
using StackExchange.Redis;

namespace Aquila.Server.Projects;

/// <summary>
/// The Redis connection of a server whose matcher store is Redis (shared by the token stores, the scale-out roles, the
/// list guards and the health check); <see cref="Connection"/> is null with the embedded store.
/// </summary>
internal sealed class MatcherRedis : IAsyncDisposable
{
    private readonly ConnectionMultiplexer? _connection;

    private MatcherRedis(ConnectionMultiplexer? connection) => _connection = connection;

    /// <summary>The connection, or null when the matcher store is the embedded one.</summary>
    public IConnectionMultiplexer? Connection => _connection;

    /// <summary>Connects when <see cref="MatcherOptions.Store"/> is Redis; otherwise holds no connection.</summary>
    public static async Task<MatcherRedis> ConnectAsync(MatcherOptions options)
    {
        if (options.Store != MatcherStoreKind.Redis)
        {
            return new MatcherRedis(null);
        }

        if (string.IsNullOrWhiteSpace(options.Redis.Configuration))
        {
            throw new InvalidOperationException(
                "Server:Matcher:Store is Redis but Server:Matcher:Redis:Configuration is empty; give host:port of one or more Redis nodes.");
        }

        if (TimeoutProblem(options.Redis) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var configuration = ConfigurationOptions.Parse(options.Redis.Configuration);
        // Start (and keep running) while a node is down: the health check reports it and submissions answer Unavailable.
        configuration.AbortOnConnectFail = false;
        // The library's 5 s default is shorter than a long batch script takes on a busy Redis.
        configuration.SyncTimeout = (int)options.Redis.SyncTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.Redis.AsyncTimeout.TotalMilliseconds;
        return new MatcherRedis(await ConnectionMultiplexer.ConnectAsync(configuration));
    }

    /// <summary>Why <see cref="RedisMatcherOptions.SyncTimeout"/> or <see cref="RedisMatcherOptions.AsyncTimeout"/> is not valid, or null.</summary>
    public static string? TimeoutProblem(RedisMatcherOptions redis)
    {
        foreach (var (name, value) in new[] { ("SyncTimeout", redis.SyncTimeout), ("AsyncTimeout", redis.AsyncTimeout) })
        {
            if (value < RedisMatcherOptions.MinimumTimeout || value > RedisMatcherOptions.MaximumTimeout)
            {
                return $"Server:Matcher:Redis:{name} is {value}; give a time from {RedisMatcherOptions.MinimumTimeout} to "
                    + $"{RedisMatcherOptions.MaximumTimeout} (default {RedisMatcherOptions.DefaultTimeout}).";
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
