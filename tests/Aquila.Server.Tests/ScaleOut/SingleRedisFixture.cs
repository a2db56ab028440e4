using StackExchange.Redis;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>
/// One redis-server on a free loopback port and two client connections to it, standing for two server instances.
/// </summary>
public sealed class SingleRedisFixture : IAsyncLifetime
{
    private LocalRedis? _redis;

    /// <summary>The first instance's connection.</summary>
    public ConnectionMultiplexer First { get; private set; } = null!;

    /// <summary>The second instance's connection.</summary>
    public ConnectionMultiplexer Second { get; private set; } = null!;

    /// <summary>Why Redis did not start, or null.</summary>
    public string? Problem { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _redis = await LocalRedis.StartAsync(masters: 1);
        if (_redis is null)
        {
            Problem = RedisBinaries.Problem;
            return;
        }

        First = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        Second = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    /// <summary>Skips the test when Redis is missing (fails instead with AQUILA_REQUIRE_REDIS=1).</summary>
    public void Require() => RedisBinaries.Require(Problem);

    public async ValueTask DisposeAsync()
    {
        if (First is not null)
        {
            await First.DisposeAsync();
        }

        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
