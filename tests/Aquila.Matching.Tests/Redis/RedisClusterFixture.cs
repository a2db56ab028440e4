namespace Aquila.Matching.Tests.Redis;

/// <summary>A 3-master Redis Cluster (no replicas).</summary>
public sealed class RedisClusterFixture : RedisFixture
{
    protected override int Masters => 3;
}
