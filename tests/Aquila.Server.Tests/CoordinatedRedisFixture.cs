using Aquila.Node;
using Aquila.Security;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Server.Tests;

/// <summary>
/// A Coordinator instance and a Matcher instance on one 3-master Redis Cluster on loopback (shared K_server, separate data
/// directories), besides the embedded server of <see cref="ServerFixture"/>. Both instances also run the configured
/// project "p1".
/// </summary>
public class CoordinatedRedisFixture : ServerFixture
{
    public const string KeyPrefix = "ct";

    private LocalRedis? _redis;

    public AquilaServer Coordinator { get; private set; } = null!;

    public AquilaServer Matcher { get; private set; } = null!;

    /// <summary>A client connection to the cluster, for looking at keys.</summary>
    public ConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>The StackExchange.Redis configuration string of the cluster.</summary>
    public string RedisConfiguration => _redis!.Configuration;

    /// <summary>How the instances lay projects out in Redis (<see cref="CoordinatedRedisLogFixture"/> picks the log layout).</summary>
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

        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        Coordinator = await StartInstanceAsync("coordinator", ServerRole.Coordinator);
        Matcher = await StartInstanceAsync("matcher", ServerRole.Matcher);
    }

    /// <summary>Skips the test when Redis is missing (fails instead with AQUILA_REQUIRE_REDIS=1).</summary>
    public void Require() => RedisBinaries.Require(Problem);

    /// <summary>A node's channel to one of the instances.</summary>
    public Grpc.Net.Client.GrpcChannel Channel(AquilaServer server, string identity) =>
        AquilaChannel.Create(server.Address, NodeIdentity.Load(Identities[identity]));

    /// <summary>A fresh coordinator certificate (Secretariat) and its channel to <paramref name="server"/>.</summary>
    public (NodeIdentity Identity, Grpc.Net.Client.GrpcChannel Channel) CoordinatorChannel(AquilaServer server, string name)
    {
        var identity = NodeIdentity.Load(Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, name));
        return (identity, AquilaChannel.Create(server.Address, identity));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Matcher is not null)
        {
            await Matcher.DisposeAsync();
        }

        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// One more instance on the cluster (the caller disposes it), logging to <paramref name="logs"/>, with
    /// <paramref name="declared"/> added to the configuration-declared projects.
    /// </summary>
    public Task<AquilaServer> StartInstanceAsync(string name, ServerRole role, ILoggerProvider logs, params ProjectOptions[] declared)
    {
        var options = Options.ForInstance(Path.Combine(WorkDirectory, "instance-" + name));
        options.Port = 0;
        options.Role = role;
        // A new list: ForInstance copies the options shallowly.
        options.Projects = [.. options.Projects, .. declared];
        options.Matcher = new MatcherOptions
        {
            Store = MatcherStoreKind.Redis,
            Redis = new RedisMatcherOptions { Configuration = _redis!.Configuration, TokenShards = 8, KeyPrefix = KeyPrefix, Layout = Layout },
        };
        return AquilaServer.StartAsync(options, logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug), TestContext.Current.CancellationToken);
    }

    private Task<AquilaServer> StartInstanceAsync(string name, ServerRole role) => StartInstanceAsync(name, role, Logs);
}
