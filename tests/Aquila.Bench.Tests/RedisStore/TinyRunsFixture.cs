namespace Aquila.Bench.Tests.RedisStore;

/// <summary>
/// One tiny load run on the embedded store and one on a redis-server the driver starts itself (two instances), same
/// seed and sizes, shared by the tests that read their reports. The Redis run is skipped when Redis is not installed.
/// </summary>
public sealed class TinyRunsFixture : IAsyncLifetime
{
    public LoadReport Embedded { get; private set; } = null!;

    public LoadReport? Redis { get; private set; }

    public static LoadOptions Options(LoadStore store, int instances = 1, string? redisConfiguration = null) => new()
    {
        Parties = 3,
        RecordsPerParty = 900,
        RecordsPerBatch = 300,
        Seed = 7,
        RunRedis = false,
        RunPostgres = false,
        Store = store,
        Instances = instances,
        RedisConfiguration = redisConfiguration,
        RedisServerPath = RedisBinaries.Server,
    };

    /// <summary>Skips the test when Redis is missing (fails instead with AQUILA_REQUIRE_REDIS=1).</summary>
    public static void RequireRedis() => RedisBinaries.Require(RedisBinaries.Problem);

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        Embedded = await LoadRun.RunAsync(Options(LoadStore.Embedded), _ => { }, cancel);
        if (RedisBinaries.Problem is null)
        {
            Redis = await LoadRun.RunAsync(Options(LoadStore.Redis, instances: 2), _ => { }, cancel);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
