using System.Diagnostics;
using StackExchange.Redis;

namespace Aquila.Matching.Tests.Redis;

/// <summary>
/// Real redis-server processes on free loopback ports in a temp directory, killed at the end: a single instance, or a
/// 3-master cluster made with <c>redis-cli --cluster create</c>. Tests call <see cref="Require"/> first: it skips them
/// with the reason when Redis is not installed (fails instead when AQUILA_REQUIRE_REDIS=1).
/// </summary>
public abstract class RedisFixture : IAsyncLifetime
{
    private readonly List<RedisProcess> _nodes = [];
    private readonly TempDirectory _temp = new();
    private ConnectionMultiplexer? _connection;
    private string? _problem;

    /// <summary>Shared connection to the cluster or instance.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException(_problem ?? "Redis was not started.");

    /// <summary>The nodes, for tests that stop one.</summary>
    internal IReadOnlyList<RedisProcess> Nodes => _nodes;

    /// <summary>The configuration string the server would get (Matcher:Redis:Configuration).</summary>
    public string Configuration => string.Join(',', _nodes.Select(n => n.Endpoint));

    protected abstract int Masters { get; }

    /// <summary>Skips (or, with AQUILA_REQUIRE_REDIS=1, fails) the calling test when Redis could not be started.</summary>
    public void Require()
    {
        if (_problem is null)
        {
            return;
        }

        if (RedisBinaries.Required)
        {
            Assert.Fail("AQUILA_REQUIRE_REDIS=1 but " + _problem);
        }

        Assert.Skip(_problem);
    }

    /// <summary>Opens another connection (another server instance's view).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Options());

    public async ValueTask InitializeAsync()
    {
        if (RedisBinaries.Problem is { } missing)
        {
            _problem = missing;
            return;
        }

        for (var i = 0; i < Masters; i++)
        {
            _nodes.Add(await RedisProcess.StartAsync(RedisBinaries.Server!, Path.Combine(_temp.Path, "node" + i), cluster: Masters > 1));
        }

        if (Masters > 1)
        {
            await CreateClusterAsync();
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(Options());
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.ConnectTimeout = 3000;
        options.SyncTimeout = 3000;
        options.AsyncTimeout = 3000;
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 2;
        return options;
    }

    private async Task CreateClusterAsync()
    {
        var info = new ProcessStartInfo(RedisBinaries.Cli!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (var node in _nodes)
        {
            info.ArgumentList.Add(node.Endpoint);
        }

        info.ArgumentList.Add("--cluster-replicas");
        info.ArgumentList.Add("0");
        info.ArgumentList.Add("--cluster-yes");
        using var create = Process.Start(info)!;
        var output = await create.StandardOutput.ReadToEndAsync();
        var errors = await create.StandardError.ReadToEndAsync();
        await create.WaitForExitAsync();
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {output} {errors}");
        }

        // Every node must agree the cluster is up before clients connect, or the first commands get CLUSTERDOWN.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        foreach (var node in _nodes)
        {
            while (!await ClusterOkAsync(node.Port))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The Redis Cluster did not reach cluster_state:ok on port {node.Port} within 15 s.");
                }

                await Task.Delay(50);
            }
        }
    }

    private static async Task<bool> ClusterOkAsync(int port)
    {
        var info = new ProcessStartInfo(RedisBinaries.Cli!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "cluster", "info" })
        {
            info.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(info)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output.Contains("cluster_state:ok", StringComparison.Ordinal);
    }
}

/// <summary>One redis-server instance.</summary>
public sealed class RedisSingleFixture : RedisFixture
{
    protected override int Masters => 1;
}

/// <summary>A 3-master Redis Cluster (no replicas).</summary>
public sealed class RedisClusterFixture : RedisFixture
{
    protected override int Masters => 3;
}

/// <summary>Redis tests start processes: they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection
{
    public const string Name = "Redis";
}
