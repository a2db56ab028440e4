using Aquila.Server.Options;

namespace Aquila.Server.Tests;

/// <summary><see cref="RedisServersFixture"/> with Server:Matcher:Redis:Layout = Log: Redis holds each project's log of submissions.</summary>
public sealed class RedisLogServersFixture : RedisServersFixture
{
    protected override RedisStoreLayout Layout => RedisStoreLayout.Log;
}
