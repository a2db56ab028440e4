using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>
/// The certificates of <see cref="ServerFixture"/> plus one server instance on the Redis store of a redis-server on
/// loopback, with 2 s Redis timeouts so a test can stop redis-server and see submissions fail quickly.
/// </summary>
public sealed class RedisOutageServerFixture : ServerFixture
{
    private LocalRedis? _redis;

    /// <summary>The instance on the Redis store.</summary>
    public AquilaServer RedisServer { get; private set; } = null!;

    /// <summary>Why Redis did not start (Redis not installed), or null.</summary>
    public string? Problem { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await LocalRedis.StartAsync(masters: 1);
        if (_redis is null)
        {
            Problem = RedisBinaries.Problem;
            return;
        }

        var options = Options.ForInstance(Path.Combine(WorkDirectory, "instance-redis"));
        options.Port = 0;
        options.Matcher = new MatcherOptions
        {
            Store = MatcherStoreKind.Redis,
            Redis = new RedisMatcherOptions
            {
                Configuration = _redis.Configuration,
                TokenShards = 4,
                SyncTimeout = TimeSpan.FromSeconds(2),
                AsyncTimeout = TimeSpan.FromSeconds(2),
            },
        };
        RedisServer = await AquilaServer.StartAsync(options, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
            TestContext.Current.CancellationToken);
    }

    /// <summary>Skips the test when Redis is missing (fails instead with AQUILA_REQUIRE_REDIS=1).</summary>
    public void Require() => RedisBinaries.Require(Problem);

    public (Grpc.Net.Client.GrpcChannel Channel, Protocol.V1.Matching.MatchingClient Client) ConnectToRedisServer(string identity)
    {
        var channel = Node.AquilaChannel.Create(RedisServer.Address, Node.NodeIdentity.Load(Identities[identity]));
        return (channel, new Protocol.V1.Matching.MatchingClient(channel));
    }

    /// <summary>Kills redis-server (SIGKILL) under the running instance.</summary>
    public async Task StopRedisAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
            _redis = null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (RedisServer is not null)
        {
            await RedisServer.DisposeAsync();
        }

        await StopRedisAsync();
        await base.DisposeAsync();
    }
}
