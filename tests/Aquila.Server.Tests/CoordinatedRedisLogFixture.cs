using Aquila.Server.Options;

namespace Aquila.Server.Tests;

/// <summary><see cref="CoordinatedRedisFixture"/> with Server:Matcher:Redis:Layout = Log on both instances.</summary>
public sealed class CoordinatedRedisLogFixture : CoordinatedRedisFixture
{
    protected override RedisStoreLayout Layout => RedisStoreLayout.Log;
}
