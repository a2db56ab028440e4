namespace Aquila.Matching.Tests.Redis;

/// <summary>One redis-server instance.</summary>
public sealed class RedisSingleFixture : RedisFixture
{
    protected override int Masters => 1;
}
