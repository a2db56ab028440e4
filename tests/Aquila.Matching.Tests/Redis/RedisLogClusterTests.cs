using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>The Redis log layout on a 3-master cluster: the project's keys share one slot, and two instances give the embedded store's state.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLogClusterTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>, IDisposable
{
    private readonly TempDirectory _local = new();

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Two_instances_on_a_cluster_give_the_embedded_stores_state_and_a_purge_leaves_no_key_on_any_master()
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 31);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var otherConnection = await redis.ConnectAsync();
        var a = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File("a"));
        await using var b = await RedisLogStoreBed.OpenAsync(definition, otherConnection, _local.File("b"));
        var receipts = new List<string>();

        for (var i = 0; i < batches.Count; i++)
        {
            var (party, number, batch) = batches[i];
            receipts.Add(Describe((await SubmitAsync(i % 2 == 0 ? a : b, party, number, batch)).Receipt!));
        }

        expected.AssertSame(await ViewAsync(a, receipts));
        expected.AssertSame(await ViewAsync(b, receipts));
        Assert.Equal(4, (await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId)).Count);
        await a.PurgeAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId));
    }
}
