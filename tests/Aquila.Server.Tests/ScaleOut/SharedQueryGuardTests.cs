using Aquila.Server.Lists;
using Aquila.Server.ScaleOut;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>With the Redis store, list query quotas and nonces are counted once for all instances.</summary>
[Collection(nameof(ServerCollection))]
public sealed class SharedQueryGuardTests(SingleRedisFixture fixture) : IClassFixture<SingleRedisFixture>
{
    [Fact]
    public async Task A_quota_used_on_one_instance_is_used_up_on_the_other()
    {
        fixture.Require();
        var keys = new ScaleOutKeys("qg" + Guid.NewGuid().ToString("N")[..6]);
        var first = new RedisQueryQuotas(fixture.First, keys, TimeProvider.System);
        var second = new RedisQueryQuotas(fixture.Second, keys, TimeProvider.System);

        var onFirst = (await first.TryConsumeAsync("list-1", "RS", 6, 10)).Counted;
        var (overOnSecond, usedWhenRefused) = await second.TryConsumeAsync("list-1", "RS", 6, 10);
        var (restOnSecond, usedAtTheEnd) = await second.TryConsumeAsync("list-1", "RS", 4, 10);

        Assert.True(onFirst);
        Assert.False(overOnSecond);
        Assert.Equal(6, usedWhenRefused);
        Assert.True(restOnSecond);
        Assert.Equal(10, usedAtTheEnd);
    }

    [Fact]
    public async Task Concurrent_queries_on_two_instances_never_count_past_the_quota()
    {
        fixture.Require();
        var keys = new ScaleOutKeys("qc" + Guid.NewGuid().ToString("N")[..6]);
        var instances = new[] { new RedisQueryQuotas(fixture.First, keys, TimeProvider.System), new RedisQueryQuotas(fixture.Second, keys, TimeProvider.System) };

        var accepted = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i => (await instances[i % 2].TryConsumeAsync("list-2", "BA", 3, 50)).Counted));

        Assert.Equal(16, accepted.Count(a => a)); // 16 × 3 = 48 ≤ 50 < 51
    }

    [Fact]
    public async Task A_query_nonce_used_on_one_instance_is_refused_as_a_replay_on_the_other()
    {
        fixture.Require();
        var keys = new ScaleOutKeys("nn" + Guid.NewGuid().ToString("N")[..6]);
        var nonce = Guid.NewGuid().ToByteArray();
        var first = new RedisQueryNonces(fixture.First, keys, TimeSpan.FromMinutes(5));
        var second = new RedisQueryNonces(fixture.Second, keys, TimeSpan.FromMinutes(5));

        var original = await first.TryUseAsync("RS", nonce);
        var replay = await second.TryUseAsync("RS", nonce);
        var otherParty = await second.TryUseAsync("BA", nonce);

        Assert.True(original);
        Assert.False(replay);
        Assert.True(otherParty);
    }
}
