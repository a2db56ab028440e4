using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// The embedded server of <see cref="ServerFixture"/> (the reference) plus two server instances with the Redis store on
/// one 3-master Redis Cluster on loopback, sharing K_server (the same key directory) but not their data directories.
/// </summary>
public class RedisServersFixture : ServerFixture
{
    private LocalRedis? _redis;

    public AquilaServer RedisServerA { get; private set; } = null!;

    public AquilaServer RedisServerB { get; private set; } = null!;

    /// <summary>How the instances lay projects out in Redis (<see cref="RedisLogServersFixture"/> picks the log layout).</summary>
    protected virtual RedisStoreLayout Layout => RedisStoreLayout.Postings;

    /// <summary>Why the Redis instances did not start (Redis not installed), or null.</summary>
    public string? Problem { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await LocalRedis.StartAsync(masters: 3);
        if (_redis is null)
        {
            Problem = RedisBinaries.Problem;
            return;
        }

        RedisServerA = await StartRedisInstanceAsync("a");
        RedisServerB = await StartRedisInstanceAsync("b");
    }

    /// <summary>Skips the test when Redis is missing (fails instead with AQUILA_REQUIRE_REDIS=1).</summary>
    public void Require() => RedisBinaries.Require(Problem);

    public (Grpc.Net.Client.GrpcChannel Channel, Protocol.V1.Matching.MatchingClient Client) Connect(AquilaServer server, string identity)
    {
        var channel = Node.AquilaChannel.Create(server.Address, Node.NodeIdentity.Load(Identities[identity]));
        return (channel, new Protocol.V1.Matching.MatchingClient(channel));
    }

    public override async ValueTask DisposeAsync()
    {
        if (RedisServerA is not null)
        {
            await RedisServerA.DisposeAsync();
        }

        if (RedisServerB is not null)
        {
            await RedisServerB.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private Task<AquilaServer> StartRedisInstanceAsync(string name)
    {
        var options = Options.ForInstance(Path.Combine(WorkDirectory, "instance-" + name));
        options.Port = 0;
        options.Matcher = new MatcherOptions
        {
            Store = MatcherStoreKind.Redis,
            Redis = new RedisMatcherOptions { Configuration = _redis!.Configuration, TokenShards = 16, Layout = Layout },
        };
        return AquilaServer.StartAsync(options, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug), TestContext.Current.CancellationToken);
    }
}
