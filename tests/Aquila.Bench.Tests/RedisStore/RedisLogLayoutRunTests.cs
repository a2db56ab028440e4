using Aquila.Server.Options;
using StackExchange.Redis;

namespace Aquila.Bench.Tests.RedisStore;

/// <summary>A tiny `bench --store redis --redis-layout log` run on a given redis-server.</summary>
[Collection(nameof(RedisStoreRuns))]
public sealed class RedisLogLayoutRunTests
{
    [Fact]
    public async Task A_log_layout_run_finds_the_embedded_runs_hits_with_a_few_redis_commands_per_batch_and_leaves_no_key_behind()
    {
        TinyRunsFixture.RequireRedis();
        await using var redis = (await LocalRedis.StartAsync(masters: 1))!;
        var basic = TinyRunsFixture.Options(LoadStore.Redis, instances: 2, redisConfiguration: redis.Configuration);
        var options = new LoadOptions
        {
            Parties = basic.Parties,
            RecordsPerParty = basic.RecordsPerParty,
            RecordsPerBatch = basic.RecordsPerBatch,
            Seed = basic.Seed,
            RunRedis = false,
            RunPostgres = false,
            Store = LoadStore.Redis,
            Instances = 2,
            RedisConfiguration = redis.Configuration,
            RedisServerPath = basic.RedisServerPath,
            RedisLayout = RedisStoreLayout.Log,
        };

        var report = await LoadRun.RunAsync(options, _ => { }, TestContext.Current.CancellationToken);

        Assert.True(report["hits"] > 0);
        Assert.Equal(report["embedded_hits"], report["hits"]);
        Assert.InRange(report["redis_store_commands_per_batch"]!.Value, 1, 100);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        foreach (var server in connection.GetServers())
        {
            Assert.Equal(0, await server.DatabaseSizeAsync());
        }
    }
}
