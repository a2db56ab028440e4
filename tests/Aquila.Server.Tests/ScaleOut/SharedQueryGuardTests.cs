using Aquila.Server.Lists;
using Aquila.Server.ScaleOut;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>With the Redis store, list query quotas and nonces are counted once for all instances.</summary>
[Collection(nameof(ServerCollection))]
public sealed class SharedQueryGuardTests(SingleRedisFixture fixture) : IClassFixture<SingleRedisFixture>
{
    [Fact]
    public void A_quota_used_on_one_instance_is_used_up_on_the_other()
    {
        fixture.Require();
        var keys = new ScaleOutKeys("qg" + Guid.NewGuid().ToString("N")[..6]);
        var first = new RedisQueryQuotas(fixture.First, keys, TimeProvider.System);
        var second = new RedisQueryQuotas(fixture.Second, keys, TimeProvider.System);

        var onFirst = first.TryConsume("list-1", "RS", 6, 10, out _);
        var overOnSecond = second.TryConsume("list-1", "RS", 6, 10, out var usedWhenRefused);
        var restOnSecond = second.TryConsume("list-1", "RS", 4, 10, out var usedAtTheEnd);

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

        var accepted = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => instances[i % 2].TryConsume("list-2", "BA", 3, 50, out _))));

        Assert.Equal(16, accepted.Count(a => a)); // 16 × 3 = 48 ≤ 50 < 51
    }

    [Fact]
    public void A_query_nonce_used_on_one_instance_is_refused_as_a_replay_on_the_other()
    {
        fixture.Require();
        var keys = new ScaleOutKeys("nn" + Guid.NewGuid().ToString("N")[..6]);
        var nonce = Guid.NewGuid().ToByteArray();
        var first = new RedisQueryNonces(fixture.First, keys, TimeSpan.FromMinutes(5));
        var second = new RedisQueryNonces(fixture.Second, keys, TimeSpan.FromMinutes(5));

        var original = first.TryUse("RS", nonce);
        var replay = second.TryUse("RS", nonce);
        var otherParty = second.TryUse("BA", nonce);

        Assert.True(original);
        Assert.False(replay);
        Assert.True(otherParty);
    }
}
