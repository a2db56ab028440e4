namespace Aquila.Server.Tests;

/// <summary>The scale-out cases on Redis's postings layout (the default).</summary>
[Collection(nameof(ServerCollection))]
public sealed class RedisScaleOutTests(RedisServersFixture fixture)
    : RedisScaleOutCases<RedisServersFixture>(fixture), IClassFixture<RedisServersFixture>;
