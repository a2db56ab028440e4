namespace Aquila.Matching.Tests.Redis;

/// <summary>The shared store behaviour on a 3-master Redis Cluster, where a cross-slot mistake fails.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterStoreBehaviourTests(RedisClusterFixture redis) : RedisStoreBehaviour(redis), IClassFixture<RedisClusterFixture>;
