namespace Aquila.Server.Tests;

/// <summary>The scale-out cases on Redis's log layout: each instance follows the project's log with its own matcher.</summary>
[Collection(nameof(ServerCollection))]
public sealed class RedisLogScaleOutTests(RedisLogServersFixture fixture)
    : RedisScaleOutCases<RedisLogServersFixture>(fixture), IClassFixture<RedisLogServersFixture>;
