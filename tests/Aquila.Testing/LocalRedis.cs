using System.Diagnostics;
using System.Globalization;

namespace Aquila.Testing;

/// <summary>
/// Real redis-server processes on free loopback ports in a temp directory: one instance, or a cluster of masters made
/// with <c>redis-cli --cluster create</c> (no replicas), killed on dispose. <see cref="StartAsync"/> answers null with
/// <see cref="RedisBinaries.Problem"/> set when Redis is not installed.
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly List<RedisProcess> _nodes = [];
    private readonly TempDirectory _temp = new();

    private LocalRedis()
    {
    }

    public IReadOnlyList<RedisProcess> Nodes => _nodes;

    /// <summary>The StackExchange.Redis configuration string listing every node.</summary>
    public string Configuration => string.Join(',', _nodes.Select(n => n.Endpoint));

    public static async Task<LocalRedis?> StartAsync(int masters)
    {
        if (RedisBinaries.Problem is not null)
        {
            return null;
        }

        var redis = new LocalRedis();
        try
        {
            for (var i = 0; i < masters; i++)
            {
                redis._nodes.Add(await RedisProcess.StartAsync(RedisBinaries.Server!, Path.Combine(redis._temp.Path, "node" + i), cluster: masters > 1));
            }

            if (masters > 1)
            {
                await redis.CreateClusterAsync();
            }

            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _temp.Dispose();
    }

    private async Task CreateClusterAsync()
    {
        var arguments = new List<string> { "--cluster", "create" };
        arguments.AddRange(_nodes.Select(n => n.Endpoint));
        arguments.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
        var (exitCode, output) = await CliAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({exitCode}): {output}");
        }

        // Every node must agree the cluster is up before clients connect, or the first commands get CLUSTERDOWN.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        foreach (var node in _nodes)
        {
            while (!(await CliAsync(["-p", node.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"])).Output.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The Redis Cluster did not reach cluster_state:ok on port {node.Port} within 15 s.");
                }

                await Task.Delay(50);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> CliAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(RedisBinaries.Cli!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(info)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, await output + await errors);
    }
}
