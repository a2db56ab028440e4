namespace Aquila.Matching.Tests.Redis;

/// <summary>The shared store behaviour on one redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSingleStoreBehaviourTests(RedisSingleFixture redis) : RedisStoreBehaviour(redis), IClassFixture<RedisSingleFixture>;
