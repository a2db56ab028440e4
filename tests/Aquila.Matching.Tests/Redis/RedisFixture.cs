using StackExchange.Redis;

namespace Aquila.Matching.Tests.Redis;

/// <summary>
/// Real redis-server processes (<see cref="LocalRedis"/>) and a connection to them: a single instance, or a 3-master
/// cluster. Tests call <see cref="Require"/> first: it skips them
/// with the reason when Redis is not installed (fails instead when AQUILA_REQUIRE_REDIS=1).
/// </summary>
public abstract class RedisFixture : IAsyncLifetime
{
    private LocalRedis? _redis;
    private ConnectionMultiplexer? _connection;
    private string? _problem;

    /// <summary>Shared connection to the cluster or instance.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException(_problem ?? "Redis was not started.");

    /// <summary>The configuration string the server would get (Matcher:Redis:Configuration).</summary>
    public string Configuration => _redis?.Configuration ?? "";

    protected abstract int Masters { get; }

    /// <summary>Skips (or, with AQUILA_REQUIRE_REDIS=1, fails) the calling test when Redis could not be started.</summary>
    public void Require() => RedisBinaries.Require(_problem);

    /// <summary>Opens another connection (another server instance's view).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Options());

    public async ValueTask InitializeAsync()
    {
        _redis = await LocalRedis.StartAsync(Masters);
        if (_redis is null)
        {
            _problem = RedisBinaries.Problem;
            return;
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(Options());
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        // 15 s, not the client's 5 s: a test that reads thousands of hits in one XRANGE (≈ 5 MB) timed out at 3 s on a
        // machine at load average 28; the outage tests that want a quick failure set their own timeouts.
        options.ConnectTimeout = 15_000;
        options.SyncTimeout = 15_000;
        options.AsyncTimeout = 15_000;
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 2;
        return options;
    }
}
