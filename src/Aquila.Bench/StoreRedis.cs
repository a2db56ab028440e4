using System.Diagnostics;
using System.Globalization;
using Aquila.Matching.Redis;
using Aquila.Server.Options;
using StackExchange.Redis;

namespace Aquila.Bench;

/// <summary>
/// The Redis that holds the token store during a load run: a redis-server (or a 3-master Cluster) started for the run
/// on free loopback ports, AOF on with <c>appendfsync always</c>, killed after; or the caller's Redis, left as found
/// (the run's keys are purged). Every run gets its own key prefix, so runs never see each other's projects.
/// </summary>
internal sealed class StoreRedis : IAsyncDisposable
{
    private const int ClusterMasters = 3;

    private readonly List<RedisServerProcess> _local;
    private readonly ConnectionMultiplexer _connection;

    private StoreRedis(List<RedisServerProcess> local, ConnectionMultiplexer connection, string configuration, string description)
    {
        _local = local;
        _connection = connection;
        Configuration = configuration;
        Description = description;
    }

    /// <summary>How the run's project lies in Redis (Server:Matcher:Redis:Layout of every instance).</summary>
    public RedisStoreLayout Layout { get; private init; }

    /// <summary>The configuration string the server instances connect with.</summary>
    public string Configuration { get; }

    /// <summary>This run's key prefix (Server:Matcher:Redis:KeyPrefix).</summary>
    public string KeyPrefix { get; } = "aqbench-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>What it is, for the report: where, how many masters, version, appendfsync mode.</summary>
    public string Description { get; }

    /// <summary>True when the run started this Redis (and will stop it).</summary>
    public bool IsLocal => _local.Count > 0;

    /// <summary>Starts a local Redis for the run, or connects to <see cref="LoadOptions.RedisConfiguration"/>.</summary>
    public static async Task<StoreRedis> StartAsync(LoadOptions options, string directory, CancellationToken cancellationToken)
    {
        if (options.RedisConfiguration is { } external)
        {
            var connection = await ConnectAsync(external);
            var masters = Masters(connection);
            return new StoreRedis([], connection, external,
                $"the given Redis ({masters.Count} master(s), {await DescribeAsync(masters)}), layout {options.RedisLayout}") { Layout = options.RedisLayout };
        }

        var executable = RedisServerProcess.Find(options.RedisServerPath) ?? throw new LoadSetupException(
            "--store redis without --redis starts a redis-server, but none was found; install it (deploy/install-redis.sh), "
            + "pass --redis-server PATH, or give an existing Redis with --redis HOST:PORT.");
        var count = options.RedisCluster ? ClusterMasters : 1;
        var local = new List<RedisServerProcess>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                local.Add(await RedisServerProcess.StartAsync(executable, Path.Combine(directory, "node" + i.ToString(CultureInfo.InvariantCulture)),
                    "always", clusterEnabled: options.RedisCluster, cancellationToken));
            }

            var endpoints = new string[count];
            for (var i = 0; i < count; i++)
            {
                endpoints[i] = "127.0.0.1:" + local[i].Port.ToString(CultureInfo.InvariantCulture);
            }

            if (options.RedisCluster)
            {
                await CreateClusterAsync(executable, endpoints, cancellationToken);
            }

            var configuration = string.Join(',', endpoints);
            var connection = await ConnectAsync(configuration);
            var kind = options.RedisCluster ? $"a local {count}-master Redis Cluster" : "a local redis-server";
            return new StoreRedis(local, connection, configuration, $"{kind} ({await DescribeAsync(Masters(connection))}), layout {options.RedisLayout}")
            {
                Layout = options.RedisLayout,
            };
        }
        catch
        {
            foreach (var process in local)
            {
                process.Dispose();
            }

            throw;
        }
    }

    /// <summary>Memory, CPU time, commands and script calls, summed over the masters.</summary>
    public async Task<RedisStoreSample> SampleAsync()
    {
        long used = 0, peak = 0, rss = 0, aof = 0, commands = 0;
        double cpu = 0;
        var masters = Masters(_connection);
        foreach (var server in masters)
        {
            foreach (var section in await server.InfoAsync())
            {
                foreach (var (key, value) in section)
                {
                    switch (key)
                    {
                        case "used_memory":
                            used += long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "used_memory_peak":
                            peak += long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "used_memory_rss":
                            rss += long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "aof_current_size":
                            aof += long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "used_cpu_sys" or "used_cpu_user":
                            cpu += double.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case "total_commands_processed":
                            commands += long.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        default:
                            break;
                    }
                }
            }
        }

        long scripts = 0;
        foreach (var server in masters)
        {
            foreach (var section in await server.InfoAsync("commandstats"))
            {
                foreach (var (key, value) in section)
                {
                    if (key is "cmdstat_evalsha" or "cmdstat_eval" or "cmdstat_fcall")
                    {
                        scripts += Calls(value);
                    }
                }
            }
        }

        return new RedisStoreSample(masters.Count, used, peak, rss, aof, cpu, commands, scripts);
    }

    // "calls=12,usec=345,usec_per_call=28.75,rejected_calls=0,failed_calls=0"
    private static long Calls(string commandStats)
    {
        foreach (var part in commandStats.Split(','))
        {
            if (part.StartsWith("calls=", StringComparison.Ordinal))
            {
                return long.Parse(part.AsSpan("calls=".Length), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>On the caller's Redis, deletes the run's project (data key first, then every key); a local Redis goes away whole.</summary>
    public async Task<long> PurgeIfExternalAsync(string projectId, CancellationToken cancellationToken) =>
        IsLocal ? 0 : await RedisProjectStore.PurgeAsync(_connection, projectId, KeyPrefix, ct: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        foreach (var process in _local)
        {
            process.Dispose();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        // INFO, CONFIG GET and the purge's BGREWRITEAOF are admin commands for StackExchange.Redis.
        parsed.AllowAdmin = true;
        parsed.SyncTimeout = parsed.AsyncTimeout = 120_000;
        return await ConnectionMultiplexer.ConnectAsync(parsed);
    }

    private static List<IServer> Masters(ConnectionMultiplexer connection)
    {
        var masters = new List<IServer>();
        foreach (var server in connection.GetServers())
        {
            if (server.IsConnected && !server.IsReplica)
            {
                masters.Add(server);
            }
        }

        return masters.Count > 0 ? masters : throw new LoadSetupException("No Redis master answered; check --redis HOST:PORT.");
    }

    private static async Task<string> DescribeAsync(List<IServer> masters)
    {
        var mode = "unknown";
        try
        {
            foreach (var (_, value) in await masters[0].ConfigGetAsync("appendfsync"))
            {
                mode = value;
            }
        }
        catch (RedisException)
        {
            // Managed Redis services often refuse CONFIG; the report then says "unknown".
        }

        return $"redis {masters[0].Version}, appendfsync {mode}";
    }

    private static async Task CreateClusterAsync(string redisServer, string[] endpoints, CancellationToken cancellationToken)
    {
        var cli = Path.Combine(Path.GetDirectoryName(redisServer) ?? "", "redis-cli");
        if (!File.Exists(cli))
        {
            cli = "redis-cli";
        }

        List<string> create = ["--cluster", "create", .. endpoints, "--cluster-replicas", "0", "--cluster-yes"];
        var (exitCode, output) = await RunAsync(cli, create, cancellationToken);
        if (exitCode != 0)
        {
            throw new LoadSetupException($"redis-cli --cluster create failed with exit code {exitCode}: {output.Trim()}");
        }

        // Every node must see the cluster up before the instances connect, or their first commands get CLUSTERDOWN.
        var clock = Stopwatch.StartNew();
        foreach (var endpoint in endpoints)
        {
            var port = endpoint[(endpoint.LastIndexOf(':') + 1)..];
            while (!(await RunAsync(cli, ["-p", port, "cluster", "info"], cancellationToken)).Output.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20))
                {
                    throw new LoadSetupException($"The local Redis Cluster did not reach cluster_state:ok on port {port} within 20 s.");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
