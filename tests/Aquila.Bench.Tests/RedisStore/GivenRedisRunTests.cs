using StackExchange.Redis;

namespace Aquila.Bench.Tests.RedisStore;

[Collection(nameof(RedisStoreRuns))]
public sealed class GivenRedisRunTests
{
    [Fact]
    public async Task A_run_on_a_given_redis_cluster_spreads_over_its_masters_and_leaves_none_of_its_keys_behind()
    {
        TinyRunsFixture.RequireRedis();
        await using var cluster = (await LocalRedis.StartAsync(masters: 3))!;
        var options = TinyRunsFixture.Options(LoadStore.Redis, instances: 2, redisConfiguration: cluster.Configuration);

        var report = await LoadRun.RunAsync(options, _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal(3, report["redis_store_masters"]);
        Assert.True(report["hits"] > 0);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration + ",allowAdmin=true");
        foreach (var server in connection.GetServers())
        {
            Assert.Equal(0, await server.DatabaseSizeAsync());
        }
    }
}
